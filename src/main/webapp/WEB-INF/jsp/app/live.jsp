<%@ include file="/WEB-INF/jsp/common/page.jspf" %>
<!DOCTYPE html>
<html lang="en">
<head>
    <%@ include file="/WEB-INF/jsp/common/meta.jspf" %>
    <title>Live · Parley</title>
    <script type="module" src="<c:url value='/js/live/live.js'/>"></script>
</head>
<body>
<c:set var="current" value="live"/>
<%@ include file="/WEB-INF/jsp/common/topbar.jspf" %>
<main class="page">
    <h1>Live data</h1>
    <section>
        <h2>Ticker</h2>
        <form id="watch">
            <label>Topic <input id="topic" name="topic" value="prices:EURUSD" pattern="[A-Za-z0-9_.:\-]{1,128}" required></label>
            <button type="submit">Watch</button>
        </form>
        <ul id="ticker" class="ticker" aria-live="polite"></ul>
    </section>
    <section id="publisher" hidden>
        <h2>Publish</h2>
        <form id="publish-topic">
            <label>Topic <input name="topic" value="prices:EURUSD" required></label>
            <label>Value (JSON) <input name="data" value='{"price": 1.0842}' required></label>
            <button type="submit">Publish update</button>
        </form>
        <form id="publish-notification">
            <label>To (usernames, comma-separated; empty for everyone) <input name="to"></label>
            <label>Title <input name="title" required maxlength="200"></label>
            <label>Body <textarea name="body" maxlength="4000"></textarea></label>
            <label>Category <input name="category" value="general"></label>
            <label>Priority
                <select name="priority"><option>low</option><option selected>normal</option><option>high</option><option>urgent</option></select>
            </label>
            <button type="submit">Send notification</button>
        </form>
        <p id="publish-status" role="status"></p>
    </section>
</main>
</body>
</html>
