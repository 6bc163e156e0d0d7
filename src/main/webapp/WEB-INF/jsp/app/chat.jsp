<%@ include file="/WEB-INF/jsp/common/page.jspf" %>
<!DOCTYPE html>
<html lang="en">
<head>
    <%@ include file="/WEB-INF/jsp/common/meta.jspf" %>
    <title>Parley</title>
    <script type="module" src="<c:url value='/js/app/chat.js'/>"></script>
</head>
<body>
<c:set var="current" value="chat"/>
<%@ include file="/WEB-INF/jsp/common/topbar.jspf" %>
<div class="layout">
    <nav class="sidebar" aria-label="Conversations">
        <form id="search-form" role="search">
            <label class="visually-hidden" for="search">Search messages</label>
            <input id="search" type="search" placeholder="Search messages" autocomplete="off" maxlength="500">
        </form>
        <section>
            <h2 id="conversations-title">Conversations</h2>
            <ul id="conversation-list" aria-labelledby="conversations-title"></ul>
        </section>
        <section>
            <h2>Rooms</h2>
            <button id="browse-rooms" type="button" class="quiet">Browse rooms</button>
            <ul id="room-directory" hidden></ul>
            <form id="create-room">
                <label class="visually-hidden" for="room-slug">New room name</label>
                <input id="room-slug" name="slug" placeholder="new-room-name" pattern="[a-z0-9-]{1,64}" required>
                <label><input type="checkbox" name="private"> Private</label>
                <button type="submit">Create room</button>
                <p id="room-error" class="error" role="alert"></p>
            </form>
        </section>
        <section>
            <h2><label for="user-search">Direct message</label></h2>
            <input id="user-search" type="search" placeholder="Find people" autocomplete="off">
            <ul id="user-results"></ul>
        </section>
    </nav>
    <main class="conversation" id="conversation">
        <header>
            <button id="back" type="button" class="quiet back" aria-label="Back to conversations">&lsaquo;</button>
            <span id="conversation-dot" class="dot" hidden></span>
            <h1 id="conversation-title">Pick a conversation</h1>
            <button id="leave-room" type="button" class="quiet" hidden>Leave room</button>
        </header>
        <div id="messages" class="messages" role="log" aria-live="polite" aria-relevant="additions" aria-label="Messages" tabindex="0">
            <div id="welcome-empty" class="empty welcome">
                <h2>Welcome to Parley</h2>
                <p>Conversations you are in appear on the left. To begin:</p>
                <p><button id="start-browse" type="button" class="quiet">Browse rooms</button>
                    <button id="start-create" type="button" class="quiet">Create a room</button>
                    <button id="start-dm" type="button" class="quiet">Message someone</button></p>
            </div>
        </div>
        <div id="typing" class="typing" aria-live="polite"></div>
        <form id="composer" class="composer" hidden>
            <button id="attach" type="button" class="quiet" aria-label="Attach files"><svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M21.44 11.05l-9.19 9.19a6 6 0 0 1-8.49-8.49l9.19-9.19a4 4 0 0 1 5.66 5.66l-9.2 9.19a2 2 0 0 1-2.83-2.83l8.49-8.48"/></svg></button>
            <input id="file-input" type="file" multiple class="visually-hidden" tabindex="-1">
            <textarea id="composer-text" rows="1" aria-label="Message" placeholder="Message (Enter to send, Shift+Enter for a new line)"></textarea>
            <button type="submit">Send</button>
            <div id="previews" class="previews" aria-live="polite"></div>
        </form>
    </main>
    <aside id="search-panel" class="thread search-panel" aria-label="Search results" hidden>
        <header>
            <h2 id="search-title">Search</h2>
            <button id="search-close" type="button" class="quiet" aria-label="Close the search">&times;</button>
        </header>
        <ol id="search-results" class="messages search-results" aria-labelledby="search-title"></ol>
    </aside>
    <aside id="thread" class="thread" aria-label="Thread" hidden>
        <header>
            <h2>Thread</h2>
            <button id="thread-close" type="button" class="quiet" aria-label="Close the thread">&times;</button>
        </header>
        <div id="thread-messages" class="messages" role="log" aria-live="polite" aria-relevant="additions" tabindex="0"></div>
        <form id="thread-composer" class="composer">
            <textarea id="thread-text" rows="1" aria-label="Reply" placeholder="Reply in thread"></textarea>
            <button type="submit">Reply</button>
        </form>
    </aside>
</div>
</body>
</html>
