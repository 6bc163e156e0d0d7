// The chat view: conversation list with unread badges and presence dots, the room directory, direct
// messages by user search, the message pane (history on scroll, day separators, seen-by, typing)
// and the composer (Enter sends, Shift+Enter adds a line; files by picker, drag-and-drop and paste).
// Everything live comes from the page's ParleyClient; nothing here touches a socket.
import { $, api, el, formatDay, formatTime, problemText } from './dom.js';
import { startShell } from './shell.js';

const { me, client } = await startShell();

const conversations = new Map();   // id → {id, kind, title, lastSeq, unread}
const views = new Map();           // id → {messages: Map(seq → message), hasMore, loading, reads: Map(user → seq)}
const online = new Set();
let current = null;
let uploads = [];                  // {name, id?, error?} for the message being written
let lastTyping = 0;
let typingTimer = null;

const list = $('conversation-list');
const pane = $('messages');
const composer = $('composer');
const text = $('composer-text');

const view = id => {
    if (!views.has(id)) {
        views.set(id, { messages: new Map(), hasMore: true, loading: false, loaded: false, reads: new Map() });
    }
    return views.get(id);
};

const directPeer = id => id.startsWith('dm:') ? id.slice(3).split(':').find(name => name !== me.username) || me.username : null;

function titleOf(conversation) {
    if (conversation.kind === 'direct' || conversation.id.startsWith('dm:')) {
        return '@' + directPeer(conversation.id);
    }
    return '#' + (conversation.title || conversation.id.replace(/^room:/, ''));
}

function remember(state) {
    const known = conversations.get(state.id) || { unread: 0, lastSeq: 0 };
    conversations.set(state.id, { ...known, ...state, kind: state.kind || (state.id.startsWith('dm:') ? 'direct' : 'room') });
}

// --- the conversation list ---------------------------------------------------------------

function renderList() {
    const items = [...conversations.values()]
        .sort((a, b) => titleOf(a).localeCompare(titleOf(b)))
        .map(conversation => {
            const peer = directPeer(conversation.id);
            const label = titleOf(conversation) + (conversation.unread ? `, ${conversation.unread} unread` : '');
            return el('li', { class: 'conversation-item' },
                el('button', {
                    type: 'button', 'aria-current': conversation.id === current ? 'true' : 'false', 'aria-label': label,
                    dataset: { conversation: conversation.id }, onclick: () => open(conversation.id)
                },
                peer ? el('span', { class: 'dot' + (online.has(peer) ? ' online' : ''), 'aria-hidden': 'true' }) : null,
                el('span', { class: 'name' }, titleOf(conversation)),
                conversation.unread ? el('span', { class: 'badge', dataset: { unread: conversation.unread } }, conversation.unread) : null));
        });
    list.replaceChildren(...items);
}

async function reloadConversations() {
    const reply = await api('conversations');
    if (reply.status === 200) {
        reply.data.conversations.forEach(state => {
            remember(state);
            client.follow(state.id, state.lastSeq);
        });
        renderList();
    }
}

// --- the message pane ----------------------------------------------------------------------

function fileNode(file) {
    if (/^image\/(png|jpeg|gif|webp)$/.test(file.contentType)) {
        return el('a', { href: file.url, target: '_blank', rel: 'noopener' }, el('img', { src: file.url, alt: file.name, loading: 'lazy' }));
    }
    const size = file.size > 1048576 ? (file.size / 1048576).toFixed(1) + ' MB' : Math.ceil(file.size / 1024) + ' KB';
    return el('a', { href: file.url, download: file.name, class: 'file' }, `${file.name} (${size})`);
}

function messageNode(message, pending = false) {
    const own = message.sender === me.username;
    return el('article', {
        class: 'message' + (own ? ' own' : '') + (pending ? ' pending' : ''),
        dataset: pending ? { clientMsgId: message.clientMsgId } : { id: message.id, seq: message.seq, day: formatDay(message.sentAt) }
    },
    el('header', {}, el('span', { class: 'sender' }, own ? 'You' : message.sender),
        message.sentAt ? el('time', { datetime: message.sentAt }, formatTime(message.sentAt)) : null),
    message.text ? el('p', { class: 'text' }, message.text) : null,
    message.attachments && message.attachments.length && !pending
        ? el('div', { class: 'files' }, message.attachments.map(fileNode)) : null,
    pending ? el('div', { class: 'status' }, 'Sending…') : null,
    own && !pending ? el('div', { class: 'seen' }) : null);
}

function lastRenderedDay() {
    const rendered = pane.querySelectorAll('article.message[data-day]');
    return rendered.length ? rendered[rendered.length - 1].dataset.day : null;
}

function renderAll() {
    const state = view(current);
    const nodes = [];
    let day = null;
    for (const message of [...state.messages.values()].sort((a, b) => a.seq - b.seq)) {
        const messageDay = formatDay(message.sentAt);
        if (messageDay !== day) {
            nodes.push(el('div', { class: 'day', role: 'separator' }, messageDay));
            day = messageDay;
        }
        nodes.push(messageNode(message));
    }
    for (const entry of client.outbox.pending().filter(belongsHere)) {
        nodes.push(messageNode({ ...entry, sender: me.username }, true));
    }
    if (!nodes.length) {
        nodes.push(el('p', { class: 'empty' }, 'No messages yet. Say hello!'));
    }
    pane.setAttribute('aria-busy', 'true');
    pane.replaceChildren(...nodes);
    pane.setAttribute('aria-busy', 'false');
    renderSeen();
}

function belongsHere(entry) {
    return entry.conversation === current || (entry.conversation.startsWith('@') && directPeer(current) === entry.conversation.slice(1));
}

function atBottom() {
    return pane.scrollHeight - pane.scrollTop - pane.clientHeight < 40;
}

function append(message) {
    const stick = atBottom();
    pane.querySelector('.empty')?.remove();
    const day = formatDay(message.sentAt);
    const firstPending = pane.querySelector('article.pending');
    const nodes = [];
    if (day !== lastRenderedDay()) {
        nodes.push(el('div', { class: 'day', role: 'separator' }, day));
    }
    nodes.push(messageNode(message));
    nodes.forEach(node => firstPending ? pane.insertBefore(node, firstPending) : pane.append(node));
    renderSeen();
    if (stick || message.sender === me.username) {
        pane.scrollTop = pane.scrollHeight;
    }
}

function renderSeen() {
    pane.querySelectorAll('.seen').forEach(node => { node.textContent = ''; });
    const own = [...pane.querySelectorAll('article.message.own[data-seq]')];
    if (!own.length) {
        return;
    }
    const last = own[own.length - 1];
    const seq = Number(last.dataset.seq);
    const readers = [...view(current).reads.entries()].filter(([user, read]) => user !== me.username && read >= seq).map(([user]) => user);
    last.querySelector('.seen').textContent = readers.length ? 'Seen by ' + readers.sort().join(', ') : '';
}

function markRead() {
    const conversation = conversations.get(current);
    if (!conversation || document.visibilityState !== 'visible') {
        return;
    }
    const newest = Math.max(0, ...view(current).messages.keys());
    if (newest > 0 && (conversation.unread || newest > (conversation.readSeq || 0))) {
        client.markRead(current, newest);
        conversation.readSeq = newest;
    }
    if (conversation.unread) {
        conversation.unread = 0;
        renderList();
    }
}

async function open(id) {
    current = id;
    const conversation = conversations.get(id);
    $('conversation-title').textContent = titleOf(conversation);
    const peer = directPeer(id);
    $('conversation-dot').hidden = !peer;
    $('conversation-dot').className = 'dot' + (peer && online.has(peer) ? ' online' : '');
    $('leave-room').hidden = !id.startsWith('room:');
    composer.hidden = false;
    $('typing').textContent = '';
    renderList();
    renderAll();
    pane.scrollTop = pane.scrollHeight;
    loadHistory(id);
    markRead();
    text.focus();
}

/** The newest page of a conversation, once; before the socket has resumed, the `resumed` handler asks. */
function loadHistory(id) {
    const state = view(id);
    if (!state.loaded && !conversations.get(id)?.provisional && client.history(id)) {
        state.loaded = true;
        state.loading = true;
        loadReads(id);
    }
}

/** Where every member has read up to, so "seen by" is right from the start (receipts keep it current). */
async function loadReads(id) {
    const reply = await api('conversations/' + encodeURIComponent(id) + '/reads');
    if (reply.status !== 200) {
        return;
    }
    const reads = view(id).reads;
    for (const [user, seq] of Object.entries(reply.data.reads)) {
        reads.set(user, Math.max(reads.get(user) || 0, seq));
    }
    if (id === current) {
        renderSeen();
    }
}

client.addEventListener('resumed', () => {
    if (current) {
        loadHistory(current);
        markRead();
    }
});

function loadOlder() {
    const state = view(current);
    if (!current || state.loading || !state.hasMore || conversations.get(current)?.provisional) {
        return;
    }
    const oldest = Math.min(...state.messages.keys());
    if (Number.isFinite(oldest) && oldest > 1) {
        state.loading = client.history(current, oldest);
    }
}

pane.addEventListener('scroll', () => {
    if (pane.scrollTop < 60) {
        loadOlder();
    }
});

// --- live events ---------------------------------------------------------------------------

async function loadPresence() {
    const peers = [...new Set([...conversations.keys()].map(directPeer).filter(Boolean))];
    if (!peers.length) {
        return;
    }
    const reply = await api('presence?users=' + encodeURIComponent(peers.join(',')));
    if (reply.status === 200) {
        peers.forEach(peer => online.delete(peer));
        reply.data.online.forEach(peer => online.add(peer));
        renderList();
        if (current && directPeer(current)) {
            $('conversation-dot').className = 'dot' + (online.has(directPeer(current)) ? ' online' : '');
        }
    }
}

client.addEventListener('welcome', event => {
    event.detail.conversations.forEach(remember);
    renderList();
    loadPresence();
    if (!current && conversations.size) {
        const wanted = new URLSearchParams(location.search).get('c');
        open(wanted && conversations.has(wanted) ? wanted : [...conversations.keys()].sort()[0]);
    }
});

client.addEventListener('history', event => {
    const frame = event.detail;
    const state = view(frame.conversation);
    state.loading = false;
    state.hasMore = frame.hasMore;
    const before = pane.scrollHeight;
    frame.messages.forEach(message => state.messages.set(message.seq, message));
    if (frame.conversation === current) {
        renderAll();
        pane.scrollTop = pane.scrollHeight - before + pane.scrollTop;
        markRead();
    }
});

client.addEventListener('message', event => {
    const message = event.detail.message;
    if (!conversations.has(message.conversation)) {
        remember({ id: message.conversation, lastSeq: 0, unread: 0 });
    }
    const conversation = conversations.get(message.conversation);
    delete conversation.provisional;
    conversation.lastSeq = Math.max(conversation.lastSeq || 0, message.seq);
    view(message.conversation).messages.set(message.seq, message);
    if (message.conversation === current) {
        append(message);
        markRead();
        if (message.sender !== me.username) {
            clearTyping();
        }
    } else if (message.sender !== me.username) {
        conversation.unread = (conversation.unread || 0) + 1;
    }
    renderList();
});

client.addEventListener('pending', event => {
    if (current && belongsHere(event.detail)) {
        pane.querySelector('.empty')?.remove();
        pane.append(messageNode({ ...event.detail, sender: me.username }, true));
        pane.scrollTop = pane.scrollHeight;
    }
});

client.addEventListener('ack', event => {
    pane.querySelector(`article.pending[data-client-msg-id="${CSS.escape(event.detail.clientMsgId)}"]`)?.remove();
    const message = event.detail.message;
    if (current && current.startsWith('dm:') && conversations.get(current)?.provisional && message.conversation !== current) {
        conversations.delete(current);
        current = message.conversation;
    }
});

client.addEventListener('chat-error', event => {
    const frame = event.detail;
    const pending = typeof frame.ref === 'string'
        ? pane.querySelector(`article.pending[data-client-msg-id="${CSS.escape(frame.ref)}"] .status`) : null;
    if (pending) {
        pending.textContent = frame.code === 'rate_limited' ? 'Waiting to send…' : 'Not sent: ' + frame.message;
    }
});

client.addEventListener('typing', event => {
    if (event.detail.conversation !== current || event.detail.user === me.username) {
        return;
    }
    $('typing').textContent = `${event.detail.user} is typing…`;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(clearTyping, 4000);
});

function clearTyping() {
    clearTimeout(typingTimer);
    $('typing').textContent = '';
}

client.addEventListener('receipt', event => {
    const receipt = event.detail;
    const reads = view(receipt.conversation).reads;
    reads.set(receipt.user, Math.max(reads.get(receipt.user) || 0, receipt.seq));
    if (receipt.conversation === current) {
        renderSeen();
    }
});

client.addEventListener('presence', event => {
    if (event.detail.status === 'online') {
        online.add(event.detail.user);
    } else {
        online.delete(event.detail.user);
    }
    renderList();
    if (current && directPeer(current) === event.detail.user) {
        $('conversation-dot').className = 'dot' + (online.has(event.detail.user) ? ' online' : '');
    }
});

client.addEventListener('joined', async event => {
    $('room-directory').hidden = true;
    await reloadConversations();
    open(event.detail.conversation);
});

client.addEventListener('left', async event => {
    conversations.delete(event.detail.conversation);
    views.delete(event.detail.conversation);
    if (current === event.detail.conversation) {
        current = null;
        composer.hidden = true;
        $('leave-room').hidden = true;
        $('conversation-title').textContent = 'Pick a conversation';
        pane.replaceChildren(el('p', { class: 'empty' }, 'You left the room.'));
    }
    renderList();
});

document.addEventListener('visibilitychange', markRead);

// --- the composer ---------------------------------------------------------------------------

composer.addEventListener('submit', event => {
    event.preventDefault();
    const body = text.value.trim();
    const ready = uploads.filter(upload => upload.id);
    if (!current || (!body && !ready.length) || uploads.some(upload => !upload.id && !upload.error)) {
        return;
    }
    const conversation = conversations.get(current);
    const target = conversation?.provisional ? '@' + directPeer(current) : current;
    client.send(target, body, ready.map(upload => upload.id));
    text.value = '';
    uploads = [];
    renderUploads();
});

text.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        composer.requestSubmit();
    }
});

text.addEventListener('input', () => {
    const now = Date.now();
    if (current && !conversations.get(current)?.provisional && now - lastTyping > 3000 && text.value) {
        lastTyping = now;
        client.typing(current);
    }
});

$('attach').addEventListener('click', () => $('file-input').click());
$('file-input').addEventListener('change', event => {
    upload([...event.target.files]);
    event.target.value = '';
});
for (const target of [pane, composer]) {
    target.addEventListener('dragover', event => {
        if (event.dataTransfer?.types.includes('Files')) {
            event.preventDefault();
            composer.classList.add('dragging');
        }
    });
    target.addEventListener('dragleave', () => composer.classList.remove('dragging'));
    target.addEventListener('drop', event => {
        composer.classList.remove('dragging');
        if (event.dataTransfer?.files.length) {
            event.preventDefault();
            upload([...event.dataTransfer.files]);
        }
    });
}
text.addEventListener('paste', event => {
    const files = [...(event.clipboardData?.files || [])];
    if (files.length) {
        event.preventDefault();
        upload(files);
    }
});

async function upload(files) {
    for (const file of files) {
        const entry = { name: file.name || 'pasted file' };
        uploads.push(entry);
        renderUploads();
        const form = new FormData();
        form.append('file', file, entry.name);
        const reply = await api('attachments', { method: 'POST', form });
        if (reply.status === 201) {
            entry.id = reply.data.id;
        } else {
            entry.error = reply.status === 413 ? 'too large (10 MB at most)' : problemText(reply, 'upload failed');
        }
        renderUploads();
    }
}

function renderUploads() {
    $('previews').replaceChildren(...uploads.map(upload => el('span', { class: upload.error ? 'error' : '' },
        `${upload.name}: ${upload.error || (upload.id ? 'ready' : 'uploading…')}`,
        el('button', { type: 'button', class: 'quiet', 'aria-label': 'Remove ' + upload.name, onclick: () => {
            uploads = uploads.filter(other => other !== upload);
            renderUploads();
        } }, '×'))));
}

// --- rooms and people ----------------------------------------------------------------------

$('browse-rooms').addEventListener('click', async () => {
    const directory = $('room-directory');
    if (!directory.hidden) {
        directory.hidden = true;
        return;
    }
    const reply = await api('rooms');
    if (reply.status !== 200) {
        return;
    }
    directory.replaceChildren(...reply.data.rooms.map(room => el('li', { class: 'room-listing' },
        el('span', {}, '#' + (room.title || room.slug), ` (${room.members})`),
        room.member ? el('span', {}, 'joined') : el('button', { type: 'button', class: 'quiet', onclick: () => client.join(room.slug) }, 'Join'))));
    if (!reply.data.rooms.length) {
        directory.replaceChildren(el('li', {}, 'No rooms yet: create one.'));
    }
    directory.hidden = false;
});

$('create-room').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.target;
    $('room-error').textContent = '';
    const slug = form.elements.slug.value.trim();
    const reply = await api('rooms', { method: 'POST', body: { slug, visibility: form.elements.private.checked ? 'private' : 'public' } });
    if (reply.status !== 201) {
        $('room-error').textContent = problemText(reply, 'Could not create the room');
        return;
    }
    form.reset();
    client.follow(reply.data.id, 0);
    await reloadConversations();
    open(reply.data.id);
});

$('leave-room').addEventListener('click', () => {
    if (current && current.startsWith('room:')) {
        client.leave(current.slice('room:'.length));
    }
});

let searchTimer = null;
$('user-search').addEventListener('input', event => {
    clearTimeout(searchTimer);
    const query = event.target.value.trim();
    searchTimer = setTimeout(async () => {
        if (!query) {
            $('user-results').replaceChildren();
            return;
        }
        const reply = await api('users?q=' + encodeURIComponent(query));
        if (reply.status !== 200) {
            return;
        }
        $('user-results').replaceChildren(...reply.data.users.filter(user => user.username !== me.username).map(user =>
            el('li', {}, el('button', { type: 'button', class: 'quiet', onclick: () => openDirect(user.username) },
                `${user.displayName} (@${user.username})`))));
    }, 200);
});

function openDirect(username) {
    const id = 'dm:' + [me.username, username].sort().join(':');
    if (!conversations.has(id)) {
        conversations.set(id, { id, kind: 'direct', lastSeq: 0, unread: 0, provisional: true });
    }
    $('user-search').value = '';
    $('user-results').replaceChildren();
    open(id);
}
