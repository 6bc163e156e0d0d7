<%@ include file="/WEB-INF/jsp/common/page.jspf" %>
<!DOCTYPE html>
<html lang="en">
<head>
    <%@ include file="/WEB-INF/jsp/common/meta.jspf" %>
    <title>Preferences · Parley</title>
    <script type="module" src="<c:url value='/js/preferences/preferences.js'/>"></script>
</head>
<body>
<c:set var="current" value="preferences"/>
<%@ include file="/WEB-INF/jsp/common/topbar.jspf" %>
<main class="page">
    <h1>Notification preferences</h1>
    <form id="preferences">
        <section>
            <h2>Categories</h2>
            <p>A category you do not list is on, from low priority. Notifications you turn off are still listed in the bell; they are just not pushed.</p>
            <table>
                <thead><tr><th scope="col">Category</th><th scope="col">On</th><th scope="col">Lowest priority pushed</th><th></th></tr></thead>
                <tbody id="categories"></tbody>
            </table>
            <button id="add-category" type="button" class="quiet">Add a category</button>
        </section>
        <section>
            <h2>Quiet hours</h2>
            <p>Only urgent notifications are pushed during quiet hours.</p>
            <label><input id="quiet-enabled" type="checkbox"> Use quiet hours</label>
            <label>From <input id="quiet-start" type="time" value="22:00"></label>
            <label>Until <input id="quiet-end" type="time" value="07:00"></label>
            <label>Time zone <select id="quiet-zone"></select></label>
        </section>
        <button type="submit">Save</button>
        <p id="preferences-status" role="status"></p>
    </form>
</main>
</body>
</html>
