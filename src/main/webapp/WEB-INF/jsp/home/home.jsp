<%@ page contentType="text/html;charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Parley</title>
    <link rel="stylesheet" href="<c:url value='/css/parley.css'/>">
    <script type="module" src="<c:url value='/js/home/home.js'/>"></script>
</head>
<body>
<main>
    <h1>Parley</h1>
    <p class="lead">Real-time chat and notifications.</p>

    <section id="signed-out" aria-labelledby="auth-title">
        <h2 id="auth-title">Sign in or create an account</h2>
        <form id="auth-form" novalidate>
            <label>Username <input name="username" autocomplete="username" required pattern="[a-z0-9_.\-]{3,32}"></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required minlength="8" maxlength="128"></label>
            <label>Display name (new accounts) <input name="displayName" autocomplete="nickname" maxlength="64"></label>
            <div class="actions">
                <button type="submit" name="action" value="login">Log in</button>
                <button type="submit" name="action" value="register">Register</button>
            </div>
            <p id="auth-error" class="error" role="alert"></p>
        </form>
    </section>

    <section id="signed-in" hidden aria-labelledby="me-title">
        <h2 id="me-title">Signed in as <span id="me-name"></span></h2>
        <button id="logout" type="button">Log out</button>
        <h3>/chat</h3>
        <pre id="chat-log" aria-live="polite"></pre>
        <h3>/notifications</h3>
        <pre id="notifications-log" aria-live="polite"></pre>
    </section>
</main>
</body>
</html>
