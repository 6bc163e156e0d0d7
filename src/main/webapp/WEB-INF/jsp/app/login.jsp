<%@ include file="/WEB-INF/jsp/common/page.jspf" %>
<!DOCTYPE html>
<html lang="en">
<head>
    <%@ include file="/WEB-INF/jsp/common/meta.jspf" %>
    <title>Sign in · Parley</title>
    <script type="module" src="<c:url value='/js/login/login.js'/>"></script>
</head>
<body>
<main class="auth">
    <h1>Parley</h1>
    <p>Chat rooms, direct messages and notifications, in real time.</p>
    <form id="auth-form" novalidate>
        <label>Username <input name="username" autocomplete="username" required autocapitalize="none" spellcheck="false"></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
        <label>Display name <small>(new accounts)</small> <input name="displayName" autocomplete="nickname" maxlength="64"></label>
        <div class="actions">
            <button type="submit" name="action" value="login">Log in</button>
            <button type="submit" name="action" value="register" class="quiet">Create account</button>
        </div>
        <p id="auth-error" class="error" role="alert"></p>
    </form>
</main>
</body>
</html>
