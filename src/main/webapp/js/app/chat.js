// The chat view, wired together: the page's ParleyClient feeds the store (chat/store.js), and the
// conversation list, message pane, thread panel and composer render from it (chat/list.js,
// chat/pane.js, chat/thread.js, chat/composer.js); rooms and people are in chat/directory.js. Nothing here touches a socket.
import { $, api } from './dom.js';
import { startShell } from './shell.js';
import { ChatStore } from './chat/store.js';
import { createList } from './chat/list.js';
import { createPane } from './chat/pane.js';
import { createComposer } from './chat/composer.js';
import { createThread } from './chat/thread.js';
import { createSearch } from './chat/search.js';
import { startDirectory } from './chat/directory.js';

const { me, client } = await startShell();
const store = new ChatStore(me);
const list = createList(store, { onOpen: open });
const pane = createPane(store, client, { onOpenThread: message => thread.open(message) });
const thread = createThread(store, client, pane);
const search = createSearch(store, { onOpenAt: openAt, beforeOpen: () => thread.close() });
const composer = createComposer(store, client, { dropTargets: [pane.element], onEditLast: editLast });
startDirectory(store, client, { reloadConversations, open, openDirect });

function open(id) {
    if (id === store.currentId && store.current) {
        document.body.classList.add('in-conversation');
        focusMessage();
        composer.focus(); // already open: its "New messages" marker stays where it is
        return;
    }
    if (store.openThread && store.openThread.conversation !== id) {
        thread.close();
    }
    store.currentId = id;
    const conversation = store.get(id);
    // Where "New messages" goes: after the read position, if anything is unread (kept until it is left).
    conversation.unreadFrom = conversation.unread ? (conversation.readSeq || 0) : null;
    conversation.jumpPending = conversation.unreadFrom !== null && !conversation.focusSeq;
    conversation.unreadPages = 0;
    conversation.heldUnread = false;
    $('conversation-title').textContent = store.titleOf(conversation);
    showPeerDot();
    $('leave-room').hidden = conversation.kind !== 'room';
    composer.show(true);
    pane.clearTyping();
    document.body.classList.add('in-conversation');
    list.render();
    pane.render();
    if (!pane.scrollToUnread()) {
        pane.scrollToBottom();
    }
    loadHistory(id);
    markRead();
    composer.focus();
    resolveNames();
}

/**
 * Opens a conversation at one of its messages (a search hit): a reply opens its thread, any other
 * message is loaded (older pages as needed), scrolled to and flashed.
 */
function openAt(message) {
    if (!store.has(message.conversation)) {
        return;
    }
    if (phone.matches) {
        search.close();
    }
    const target = message.thread || message.seq;
    store.get(message.conversation).focusSeq = target;
    open(message.conversation);
    if (message.thread) {
        thread.open({ conversation: message.conversation, seq: message.thread });
    }
    focusMessage();
}

/** Scrolls to the message the open conversation should show, once it is loaded; else loads older pages. */
function focusMessage() {
    const conversation = store.current;
    if (!conversation?.focusSeq) {
        return;
    }
    const node = $('messages').querySelector(`article.message[data-seq="${conversation.focusSeq}"]`);
    if (node) {
        node.scrollIntoView({ block: 'center' });
        node.classList.add('flash');
        conversation.focusSeq = null;
        return;
    }
    const view = store.view(conversation.id);
    if (view.loaded && !view.loading && view.hasMore && store.oldestSeq(conversation.id) > conversation.focusSeq) {
        loadOlder();
    }
}

/** Looks up the display names of senders and peers shown but not known yet, then shows them. */
async function resolveNames() {
    const wanted = store.takeUnnamed();
    let changed = false;
    for (let i = 0; i < wanted.length; i += 200) {
        const reply = await api('users?names=' + encodeURIComponent(wanted.slice(i, i + 200).join(',')));
        if (reply.status !== 200) {
            return;
        }
        reply.data.users.forEach(user => {
            const name = user.displayName || user.username;
            changed ||= name !== store.names.get(user.username);
            store.names.set(user.username, name);
        });
    }
    if (changed) { // drawn again only when a name differs from what is shown (the username, until now)
        list.render();
        if (store.current) {
            $('conversation-title').textContent = store.titleOf(store.current);
            pane.render();
            thread.render();
        }
    }
}

/** At phone width the list and the open conversation take turns: "back" returns to the list. */
const phone = window.matchMedia('(max-width: 700px)');

function showList() {
    document.body.classList.remove('in-conversation');
    $('conversation-list').querySelector('[aria-current="true"]')?.focus();
}

function editLast() {
    const message = store.current && store.lastOwnMessage();
    if (message) {
        pane.startEdit(message);
    }
}

async function loadEmoji() {
    const reply = await api('reactions');
    if (reply.status === 200) {
        store.emoji = reply.data.emoji;
    }
}

function openDirect(username) {
    open(store.draftDirect(username));
}

function showPeerDot() {
    const conversation = store.current;
    const peer = conversation?.kind === 'direct' ? conversation.peer : null;
    $('conversation-dot').hidden = !peer;
    $('conversation-dot').className = 'dot' + (peer && store.online.has(peer) ? ' online' : '');
}

async function reloadConversations() {
    const reply = await api('conversations');
    if (reply.status === 200) {
        reply.data.conversations.forEach(state => {
            store.remember(state);
            client.follow(state.id, state.lastSeq);
        });
        list.render();
        if (store.current) {
            $('conversation-title').textContent = store.titleOf(store.current);
            showPeerDot();
        }
    }
}

/** The newest page of a conversation, once; before the socket has resumed, the `resumed` handler asks. */
function loadHistory(id) {
    const view = store.view(id);
    if (!view.loaded && !store.get(id)?.draft && client.history(id, undefined, 50, { topLevel: true })) {
        view.loaded = true;
        view.loading = true;
        loadReads(id);
    }
}

/** Where every member has read up to, so "seen by" is right from the start (receipts keep it current). */
async function loadReads(id) {
    const reply = await api('conversations/' + encodeURIComponent(id) + '/reads');
    if (reply.status !== 200) {
        return;
    }
    for (const [user, seq] of Object.entries(reply.data.reads)) {
        store.read(id, user, seq);
    }
    if (id === store.currentId) {
        pane.renderSeen();
    }
}

function loadOlder() {
    const conversation = store.current;
    const view = conversation && store.view(conversation.id);
    if (!conversation || conversation.draft || view.loading || !view.hasMore) {
        return;
    }
    const oldest = store.oldestSeq(conversation.id);
    if (Number.isFinite(oldest) && oldest > 1) {
        view.loading = client.history(conversation.id, oldest, 50, { topLevel: true });
    }
}

function markRead() {
    const conversation = store.current;
    if (!conversation || conversation.draft || conversation.heldUnread || document.visibilityState !== 'visible') {
        return;
    }
    const newest = store.newestSeq(conversation.id);
    if (newest > 0 && (conversation.unread || newest > (conversation.readSeq || 0))) {
        client.markRead(conversation.id, newest);
        conversation.readSeq = newest;
    }
    if (conversation.unread) {
        conversation.unread = 0;
        list.render();
    }
}

async function loadPresence() {
    const peers = store.peers();
    if (!peers.length) {
        return;
    }
    const reply = await api('presence?users=' + encodeURIComponent(peers.join(',')));
    if (reply.status === 200) {
        peers.forEach(peer => store.setOnline(peer, false));
        reply.data.online.forEach(peer => store.setOnline(peer, true));
        list.render();
        showPeerDot();
    }
}

pane.onScrolledToTop(loadOlder);
$('back').addEventListener('click', showList);
$('start-browse').addEventListener('click', () => $('browse-rooms').click());
$('start-create').addEventListener('click', () => $('room-slug').focus());
$('start-dm').addEventListener('click', () => $('user-search').focus());
loadEmoji();
document.addEventListener('visibilitychange', markRead);

client.addEventListener('welcome', event => {
    event.detail.conversations.forEach(state => store.remember(state));
    list.render();
    loadPresence();
    const wanted = new URLSearchParams(location.search).get('c');
    if (!store.currentId && store.conversations.size && (!phone.matches || (wanted && store.has(wanted)))) {
        open(wanted && store.has(wanted) ? wanted : [...store.conversations.keys()].sort()[0]);
    }
    $('welcome-empty')?.toggleAttribute('hidden', store.conversations.size > 0);
    resolveNames();
});

client.addEventListener('resumed', () => {
    if (store.current) {
        loadHistory(store.currentId);
        markRead();
    }
});

client.addEventListener('history', event => {
    const frame = event.detail;
    store.page(frame.conversation, frame.messages, frame.hasMore, frame.thread);
    if (frame.thread) {
        if (thread.shows(frame.conversation, frame.thread)) {
            thread.render();
        }
        return;
    }
    if (frame.conversation !== store.currentId) {
        return;
    }
    const conversation = store.current;
    if (conversation.jumpPending) {
        // Opening with unread messages: load older pages (five at most) until the first unread is in, then show it.
        const oldest = store.oldestSeq(conversation.id);
        if (frame.hasMore && oldest > conversation.unreadFrom + 1 && conversation.unreadPages < 5) {
            conversation.unreadPages += 1;
            loadOlder();
            return;
        }
        conversation.jumpPending = false;
        pane.render();
        resolveNames();
        if (!pane.scrollToUnread()) {
            pane.scrollToBottom();
        }
    } else {
        pane.prepend();
        resolveNames();
    }
    focusMessage();
    markRead();
});

client.addEventListener('marked', event => {
    const marked = event.detail;
    const conversation = store.get(marked.conversation);
    if (!conversation) {
        return;
    }
    conversation.readSeq = marked.readSeq;
    conversation.unread = marked.unread;
    if (marked.conversation === store.currentId) {
        conversation.heldUnread = true; // stays unread until it is opened again, as in Slack
        conversation.unreadFrom = marked.readSeq;
        pane.render();
    }
    list.render();
});

client.addEventListener('message', event => {
    const message = event.detail.message;
    if (store.receive(message)) {
        reloadConversations();
    }
    if (message.thread) {
        const root = store.view(message.conversation).messages.get(message.thread);
        if (root && message.conversation === store.currentId) {
            pane.update(root);
        }
        if (thread.shows(message.conversation, message.thread)) {
            thread.render();
        }
        if (message.conversation === store.currentId) {
            markRead();
        }
    } else if (message.conversation === store.currentId) {
        pane.append(message);
        resolveNames();
        markRead();
        if (message.sender !== me.username) {
            pane.clearTyping();
        }
    }
    list.render();
});

client.addEventListener('pending', event => {
    if (event.detail.thread) {
        if (thread.shows(event.detail.conversation, event.detail.thread)) {
            thread.render();
        }
    } else if (store.isPendingHere(event.detail)) {
        pane.pending(event.detail);
    }
});

client.addEventListener('ack', event => {
    pane.acknowledged(event.detail.clientMsgId);
    const draft = store.current;
    if (draft?.draft && event.detail.entry?.conversation === store.sendTarget(draft)) {
        store.settleDraft(draft.id, event.detail.message.conversation);
        list.render();
    }
});

client.addEventListener('change', event => {
    const message = store.applyChange(event.detail.change);
    if (message && message.conversation === store.currentId) {
        pane.update(message);
    }
});

client.addEventListener('chat-error', event => {
    if (!pane.refused(event.detail) && store.current && event.detail.code !== 'rate_limited') {
        pane.notice(event.detail.message); // an edit, a deletion or a reaction that was refused
    }
});

client.addEventListener('typing', event => {
    if (event.detail.conversation === store.currentId && event.detail.user !== me.username) {
        pane.typing(event.detail.user);
    }
});

client.addEventListener('receipt', event => {
    const receipt = event.detail;
    store.read(receipt.conversation, receipt.user, receipt.seq);
    if (receipt.conversation === store.currentId) {
        pane.renderSeen();
    }
});

client.addEventListener('presence', event => {
    store.setOnline(event.detail.user, event.detail.status === 'online');
    list.render();
    showPeerDot();
});

client.addEventListener('joined', async event => {
    $('room-directory').hidden = true;
    await reloadConversations();
    open(event.detail.conversation);
});

client.addEventListener('left', event => {
    const wasOpen = store.currentId === event.detail.conversation;
    store.forget(event.detail.conversation);
    if (wasOpen) {
        composer.show(false);
        $('leave-room').hidden = true;
        $('conversation-title').textContent = 'Pick a conversation';
        pane.showEmpty('You left the room.');
    }
    list.render();
});
