// Parley's browser client: one object that owns both sockets (/chat and /notifications), and that
// other web apps can embed as it is:
//
//   import { ParleyClient } from '/js/parley-client.js';
//   const parley = new ParleyClient();                       // this page's server, session cookie
//   // new ParleyClient({ url: 'https://chat.example.com/', token }) for another origin, with a token
//   parley.addEventListener('message', e => show(e.detail.message));
//   parley.connect();
//   parley.send('room:general', 'hello');
//
// It reconnects with full-jitter exponential backoff, resumes every conversation from the last seq
// it saw (so nothing is missed), and keeps an outbox of unacknowledged sends that it sends again,
// with the same clientMsgId, after a reconnect (the server answers a repeat with the original, so
// nothing is doubled). Every message is emitted once, by id.
//
// Events (CustomEvent, the payload in `detail`):
//   state          {state: 'connecting' | 'online' | 'reconnecting' | 'signed-out'}
//   welcome        the /chat welcome frame ({user, conversations, ...})
//   message        {message}                       each message once (live, resumed, or from history)
//   pending        {clientMsgId, conversation, text, attachments}   a send waiting for its ack
//   ack            {clientMsgId, message}          a send stored by the server
//   typing, receipt, presence, watching, joined, left, history, resumed, chat-error   the /chat frames
//   notifications-welcome {unread}, notification {notification}, read {ids}, update {topic, data, publishedAt}
//   notification-error                            an error frame on /notifications

/** Full-jitter exponential backoff: a random delay between 0 and min(max, base * 2^attempt). */
export class Backoff {
    constructor({ base = 500, max = 30000, random = Math.random } = {}) {
        this.base = base;
        this.max = max;
        this.random = random;
        this.attempt = 0;
    }

    next() {
        const ceiling = Math.min(this.max, this.base * 2 ** this.attempt);
        this.attempt = Math.min(this.attempt + 1, 30);
        return Math.floor(this.random() * ceiling);
    }

    reset() {
        this.attempt = 0;
    }
}

/** The highest seq seen per conversation: what a resume asks for. It never moves backwards. */
export class ResumeCursors {
    constructor() {
        this.cursors = new Map();
    }

    seen(conversation, seq) {
        if (!(this.cursors.get(conversation) >= seq)) {
            this.cursors.set(conversation, seq);
        }
    }

    /** Starts tracking a conversation at its current end (nothing before it is wanted live). */
    track(conversation, lastSeq) {
        if (!this.cursors.has(conversation)) {
            this.cursors.set(conversation, lastSeq);
        }
    }

    forget(conversation) {
        this.cursors.delete(conversation);
    }

    get(conversation) {
        return this.cursors.get(conversation);
    }

    toJSON() {
        return Object.fromEntries(this.cursors);
    }
}

/** Sends not yet acknowledged, in order. Each keeps its clientMsgId, so a resend is recognised. */
export class Outbox {
    constructor(newId = () => crypto.randomUUID()) {
        this.newId = newId;
        this.entries = new Map();
    }

    add(conversation, text, attachments = [], thread = undefined) {
        const entry = { clientMsgId: this.newId(), conversation, text, attachments, ...(thread ? { thread } : {}) };
        this.entries.set(entry.clientMsgId, entry);
        return entry;
    }

    /** @returns the entry that this ack settles, or undefined for an ack of something unknown */
    ack(clientMsgId) {
        const entry = this.entries.get(clientMsgId);
        this.entries.delete(clientMsgId);
        return entry;
    }

    /** A send the server refused for good (it is not sent again). */
    drop(clientMsgId) {
        return this.ack(clientMsgId);
    }

    pending() {
        return [...this.entries.values()];
    }

    get size() {
        return this.entries.size;
    }
}

/** Remembers the last `limit` ids: true the first time an id is seen, false afterwards. */
export class Dedupe {
    constructor(limit = 10000) {
        this.limit = limit;
        this.ids = new Set();
    }

    firstTime(id) {
        if (this.ids.has(id)) {
            return false;
        }
        this.ids.add(id);
        if (this.ids.size > this.limit) {
            this.ids.delete(this.ids.values().next().value);
        }
        return true;
    }
}

/** The socket URL for a path, from the page (or given) URL: wss: under https. */
export function socketUrl(base, path, token) {
    const url = new URL(path, base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (token) {
        url.searchParams.set('access_token', token);
    }
    return url.toString();
}

/**
 * The fallback transport, shaped like a WebSocket for ParleyClient: a server-sent-events stream
 * (`GET stream/{channel}`) for frames from the server, one `POST stream/{channel}/{id}` per frame to
 * it (in order), and the heartbeat's pings posted back as pongs. A close event, a failed stream or a
 * refused POST closes it; EventSource's own reconnect is not used (a new stream needs a resume).
 */
export class EventStreamSocket {
    constructor(base, channel, token, { EventSource: Source = globalThis.EventSource, fetch: fetcher = globalThis.fetch } = {}) {
        const url = new URL('stream/' + channel, base);
        if (token) {
            url.searchParams.set('access_token', token);
        }
        this.posts = new URL('stream/' + channel + '/', base);
        this.token = token;
        this.fetch = fetcher;
        this.readyState = 0;
        this.id = null;
        this.chain = Promise.resolve();
        this.source = new Source(url.toString(), { withCredentials: true });
        this.source.addEventListener('stream', event => {
            this.id = JSON.parse(event.data).id;
            this.readyState = 1;
            this.onopen?.({});
        });
        this.source.addEventListener('message', event => this.onmessage?.({ data: event.data }));
        this.source.addEventListener('ping', event => this.post(this.id + '/pong', event.data));
        this.source.addEventListener('close', event => {
            const { code, reason } = JSON.parse(event.data);
            this.finish(code, reason);
        });
        this.source.onerror = () => this.finish(1006, 'stream lost');
    }

    send(text) {
        if (this.readyState === 1) {
            this.post(this.id, text);
        }
    }

    close(code = 1000, reason = '') {
        this.finish(code, reason);
    }

    /** POSTs in order, one after the other; a refused or failed POST ends the stream. */
    post(path, body) {
        const headers = { 'Content-Type': 'application/json', ...(this.token ? { Authorization: 'Bearer ' + this.token } : {}) };
        this.chain = this.chain.then(async () => {
            if (this.readyState !== 1) {
                return;
            }
            try {
                const answer = await this.fetch(new URL(path, this.posts).toString(),
                    { method: 'POST', headers, body, credentials: 'same-origin' });
                if (answer.status >= 400) {
                    this.finish(answer.status === 401 ? 4001 : 1006, 'POST answered ' + answer.status);
                }
            } catch {
                this.finish(1006, 'POST failed');
            }
        });
    }

    finish(code, reason) {
        if (this.readyState === 3) {
            return;
        }
        this.readyState = 3;
        this.source.close();
        this.onclose?.({ code, reason });
    }
}

const CHAT_EVENTS = ['typing', 'receipt', 'presence', 'watching', 'joined', 'left', 'history', 'resumed', 'pong', 'changed', 'marked'];

export class ParleyClient extends EventTarget {
    /**
     * @param url        Parley's base URL, e.g. https://chat.example.com/ (default: this page's folder)
     * @param token      an API token; without one the browser's session cookie authenticates
     * @param getToken   async () => a fresh token, or null when the user is signed out: called when the
     *                   token expired (the server closes with 4001, or answers 401); the client then
     *                   reconnects and resumes with the new one, losing nothing (as centrifuge-js does)
     * @param channels   which sockets to open (default both)
     * @param WebSocket  injectable for tests
     * @param EventSource the fallback's stream (null: no fallback); after two WebSocket attempts in a
     *                   row that never got a frame, a channel goes over server-sent events and POSTs
     *                   instead, and tries a WebSocket again every minute (as Socket.IO does)
     */
    constructor({ url = globalThis.location?.href, token = null, getToken = null, channels = ['chat', 'notifications'],
                  WebSocket: Socket = globalThis.WebSocket, EventSource: Source = globalThis.EventSource,
                  backoff = new Backoff(), fetch: fetcher = globalThis.fetch, probeMillis = 60000 } = {}) {
        super();
        this.base = new URL('./', url).toString();
        this.token = token;
        this.getToken = getToken;
        this.refreshing = null;
        this.channels = channels;
        this.Socket = Socket;
        this.EventSource = Source;
        this.probeMillis = probeMillis;
        this.transports = { chat: 'websocket', notifications: 'websocket' };
        this.silentFailures = { chat: 0, notifications: 0 };
        this.fetch = fetcher ? fetcher.bind(globalThis) : null;
        this.backoffs = { chat: backoff, notifications: new Backoff({ base: backoff.base, max: backoff.max, random: backoff.random }) };
        this.cursors = new ResumeCursors();
        this.outbox = new Outbox();
        this.seen = new Dedupe();
        this.sockets = {};
        this.ready = { chat: false, notifications: false };
        this.timers = {};
        this.refs = 0;
        this.watched = [];
        this.stopped = true;
        this.state = 'offline';
        this.topics = new Set();
    }

    connect() {
        this.stopped = false;
        this.setState('connecting');
        this.channels.forEach(channel => this.open(channel));
    }

    /** Closes both sockets and stops reconnecting. */
    close() {
        this.stopped = true;
        Object.values(this.timers).forEach(clearTimeout);
        Object.values(this.probes ?? {}).forEach(clearTimeout);
        Object.values(this.sockets).forEach(socket => socket.close(1000, 'bye'));
        this.sockets = {};
        this.setState('offline');
    }

    /** Queues a message; it is sent now if connected, else after the next resume. @returns the pending entry */
    send(conversation, text, attachments = [], { thread } = {}) {
        const entry = this.outbox.add(conversation, text, attachments, thread);
        this.emit('pending', entry);
        if (this.ready.chat) {
            this.transmit(entry);
        }
        return entry;
    }

    /** Sends not yet acknowledged, oldest first, each `{clientMsgId, conversation, text, attachments, thread?}` (copies). */
    unacknowledged() {
        return this.outbox.pending().map(entry => ({ ...entry }));
    }

    /**
     * Opens a conversation's history: the `limit` messages before `before` (the newest when omitted);
     * `thread` (a seq) pages that thread's replies, `topLevel` leaves replies out.
     */
    history(conversation, before, limit = 50, { thread, topLevel } = {}) {
        return this.request('chat', {
            type: 'history', conversation, ...(before ? { before } : {}), limit, ...(thread ? { thread } : {}), ...(topLevel ? { topLevel } : {})
        });
    }

    /**
     * Follows the presence of these users (those on screen in a large room; small conversations carry
     * presence by themselves). Replaces the earlier list and is sent again after every reconnect.
     */
    watch(users) {
        this.watched = [...new Set(users)];
        return this.request('chat', { type: 'watch', users: this.watched });
    }

    join(room) {
        return this.request('chat', { type: 'join', room });
    }

    leave(room) {
        return this.request('chat', { type: 'leave', room });
    }

    typing(conversation) {
        return this.frame('chat', { type: 'typing', conversation });
    }

    /** Replaces the text of one's own message; everyone gets a `change` (message.edited). */
    edit(conversation, seq, text) {
        return this.request('chat', { type: 'edit', conversation, seq, text });
    }

    /** Deletes a message (one's own; any in a room one created, or as an admin). */
    deleteMessage(conversation, seq) {
        return this.request('chat', { type: 'delete', conversation, seq });
    }

    /** Adds (`on` true) or removes one's reaction with one of the allowed emoji. */
    react(conversation, seq, emoji, on = true) {
        return this.request('chat', { type: on ? 'react' : 'unreact', conversation, seq, emoji });
    }

    /** "Mark as unread" from the message at `seq`; the user's sockets get `marked {conversation, readSeq, unread}`. */
    markUnread(conversation, seq) {
        return this.request('chat', { type: 'unread', conversation, seq });
    }

    markRead(conversation, seq) {
        return this.frame('chat', { type: 'read', conversation, seq });
    }

    /** Starts receiving a conversation live (after creating or joining it elsewhere, e.g. over REST). */
    follow(conversation, lastSeq = 0) {
        this.cursors.track(conversation, lastSeq);
    }

    readNotification(id) {
        return this.frame('notifications', id === undefined ? { type: 'read', all: true } : { type: 'read', id });
    }

    subscribe(topic) {
        this.topics.add(topic);
        return this.frame('notifications', { type: 'subscribe', topic, ref: this.nextRef() });
    }

    unsubscribe(topic) {
        this.topics.delete(topic);
        return this.frame('notifications', { type: 'unsubscribe', topic, ref: this.nextRef() });
    }

    // --- internals -------------------------------------------------------------------------

    open(channel) {
        if (this.stopped) {
            return;
        }
        const streaming = this.transports[channel] === 'stream';
        const socket = streaming
            ? new EventStreamSocket(this.base, channel, this.token, { EventSource: this.EventSource, fetch: this.fetch })
            : new this.Socket(socketUrl(this.base, channel, this.token));
        socket.heard = false;
        this.sockets[channel] = socket;
        this.ready[channel] = false;
        socket.onmessage = event => {
            socket.heard = true;
            let frame;
            try {
                frame = JSON.parse(event.data);
            } catch {
                return;
            }
            if (channel === 'chat') {
                this.onChat(frame);
            } else {
                this.onNotifications(frame);
            }
        };
        socket.onclose = () => this.closed(channel, socket);
        if (streaming) {
            this.probeLater(channel);
        }
    }

    /** Over which transport a channel runs now: 'websocket' or 'stream' (the fallback). */
    transport(channel = 'chat') {
        return this.transports[channel];
    }

    closed(channel, socket) {
        if (this.sockets[channel] !== socket) {
            return;
        }
        this.ready[channel] = false;
        delete this.sockets[channel];
        if (this.transports[channel] === 'websocket') {
            // A WebSocket that closes before its first frame was refused on the way (or the server is
            // down): twice in a row, and the channel falls back to the stream.
            this.silentFailures[channel] = socket.heard ? 0 : this.silentFailures[channel] + 1;
            if (this.silentFailures[channel] >= 2 && this.EventSource && this.fetch) {
                this.transports[channel] = 'stream';
            }
        }
        this.retryLater(channel);
    }

    /** While on the stream, tries a WebSocket now and then; once one opens, the channel moves back to it. */
    probeLater(channel) {
        this.probes = this.probes ?? {};
        clearTimeout(this.probes[channel]);
        this.probes[channel] = setTimeout(() => {
            if (this.stopped || this.transports[channel] !== 'stream') {
                return;
            }
            const probe = new this.Socket(socketUrl(this.base, channel, this.token));
            let upgraded = false;
            probe.onopen = () => {
                upgraded = true;
                probe.close(1000, 'probe');
                this.transports[channel] = 'websocket';
                this.silentFailures[channel] = 0;
                this.sockets[channel]?.close(1000, 'moving to a WebSocket'); // reconnects and resumes over it
            };
            probe.onclose = () => {
                if (!upgraded) {
                    this.probeLater(channel);
                }
            };
        }, this.probeMillis);
    }

    retryLater(channel) {
        if (this.stopped) {
            return;
        }
        this.setState('reconnecting');
        const delay = this.backoffs[channel].next();
        this.timers[channel] = setTimeout(() => this.reconnect(channel), delay);
    }

    async reconnect(channel) {
        if (this.stopped) {
            return;
        }
        if (this.fetch) {
            let me = null;
            try {
                me = await this.fetch(new URL('api/me', this.base), this.authHeaders());
            } catch {
                // The server is unreachable: keep trying with backoff.
            }
            if (me?.status === 401) {
                const fresh = await this.freshToken();
                if (fresh === undefined) {
                    this.retryLater(channel); // getToken failed for now: try again with backoff
                    return;
                }
                if (!fresh) {
                    this.stopped = true;
                    this.setState('signed-out');
                    return;
                }
                this.token = fresh;
            }
        }
        this.open(channel);
    }

    /**
     * A new token from getToken, shared by the channels that ask at once: the token string, null
     * when the user is signed out (or there is no getToken), undefined when getToken failed.
     */
    freshToken() {
        if (!this.getToken) {
            return Promise.resolve(null);
        }
        if (!this.refreshing) {
            this.refreshing = Promise.resolve()
                .then(() => this.getToken())
                .then(token => token || null, () => undefined)
                .finally(() => { this.refreshing = null; });
        }
        return this.refreshing;
    }

    authHeaders() {
        return this.token ? { headers: { Authorization: 'Bearer ' + this.token } } : { credentials: 'same-origin' };
    }

    onChat(frame) {
        switch (frame.type) {
            case 'welcome': {
                for (const conversation of frame.conversations) {
                    this.cursors.track(conversation.id, conversation.lastSeq);
                }
                this.frame('chat', { type: 'resume', ref: this.nextRef(), cursors: this.cursors.toJSON() }, true);
                this.emit('welcome', frame);
                break;
            }
            case 'resumed': {
                this.ready.chat = true;
                this.backoffs.chat.reset();
                this.outbox.pending().forEach(entry => this.transmit(entry));
                if (this.watched.length) {
                    this.request('chat', { type: 'watch', users: this.watched });
                }
                this.updateState();
                this.emit('resumed', frame);
                break;
            }
            case 'message':
                this.deliver(frame.message);
                break;
            case 'change':
                // A change takes a seq like a message: the resume cursor moves past it.
                this.cursors.seen(frame.change.conversation, frame.change.seq);
                this.emit('change', { change: frame.change });
                break;
            case 'ack': {
                const entry = this.outbox.ack(frame.message.clientMsgId);
                this.emit('ack', { clientMsgId: frame.message.clientMsgId, message: frame.message, entry });
                this.deliver(frame.message);
                break;
            }
            case 'history':
                frame.messages.forEach(message => this.seen.firstTime(message.id));
                this.emit('history', frame);
                break;
            case 'joined':
                this.cursors.track(frame.conversation, 0);
                this.emit('joined', frame);
                break;
            case 'left':
                this.cursors.forget(frame.conversation);
                this.emit('left', frame);
                break;
            case 'error':
                if (typeof frame.ref === 'string' && this.outbox.entries.has(frame.ref) && frame.code !== 'rate_limited'
                    && frame.code !== 'unavailable' && frame.code !== 'internal') {
                    this.outbox.drop(frame.ref);
                }
                this.emit('chat-error', frame);
                break;
            default:
                if (CHAT_EVENTS.includes(frame.type)) {
                    this.emit(frame.type, frame);
                }
        }
    }

    deliver(message) {
        this.cursors.seen(message.conversation, message.seq);
        if (this.seen.firstTime(message.id)) {
            this.emit('message', { message });
        }
    }

    onNotifications(frame) {
        switch (frame.type) {
            case 'welcome':
                this.ready.notifications = true;
                this.backoffs.notifications.reset();
                this.topics.forEach(topic => this.frame('notifications', { type: 'subscribe', topic, ref: this.nextRef() }));
                this.updateState();
                this.emit('notifications-welcome', frame);
                break;
            case 'notification':
                this.frame('notifications', { type: 'ack', id: frame.notification.id });
                if (this.seen.firstTime('n:' + frame.notification.id)) {
                    this.emit('notification', frame);
                }
                break;
            case 'read':
                this.emit('read', frame);
                break;
            case 'update':
                this.emit('update', frame);
                break;
            case 'error':
                this.emit('notification-error', frame);
                break;
            default:
                break;
        }
    }

    transmit(entry) {
        this.frame('chat', {
            type: 'send', ref: entry.clientMsgId, conversation: entry.conversation, text: entry.text,
            clientMsgId: entry.clientMsgId, ...(entry.attachments.length ? { attachments: entry.attachments } : {}),
            ...(entry.thread ? { thread: entry.thread } : {})
        });
    }

    request(channel, frame) {
        return this.frame(channel, { ...frame, ref: this.nextRef() });
    }

    /** Sends a frame if the socket is open (and resumed, unless `early`); @returns whether it was sent. */
    frame(channel, frame, early = false) {
        const socket = this.sockets[channel];
        if (!socket || socket.readyState !== 1 || (!early && channel === 'chat' && !this.ready.chat)) {
            return false;
        }
        socket.send(JSON.stringify(frame));
        return true;
    }

    nextRef() {
        this.refs += 1;
        return 'r' + this.refs;
    }

    updateState() {
        const online = this.channels.every(channel => this.ready[channel]);
        if (online) {
            this.setState('online');
        }
    }

    setState(state) {
        if (this.state !== state) {
            this.state = state;
            this.emit('state', { state, transports: { ...this.transports } });
        }
    }

    emit(type, detail) {
        this.dispatchEvent(new CustomEvent(type, { detail }));
    }
}
