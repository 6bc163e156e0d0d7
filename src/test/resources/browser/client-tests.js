// Tests of parley-client.js's logic and of the chat view's store, run in a real browser by
// ParleyClientTest. Each client test gets a fake server socket; the page publishes
// {passed:[…], failed:[{name, error}]} in #results.
import { Backoff, Dedupe, EventStreamSocket, Outbox, ParleyClient, ResumeCursors, socketUrl } from '/js/parley-client.js';
import { ChatStore } from '/js/app/chat/store.js';

const tests = [];
const test = (name, body) => tests.push({ name, body });

function assertEqual(actual, expected, message = '') {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) {
        throw new Error(`${message} expected ${e} but was ${a}`);
    }
}

const tick = () => new Promise(resolve => setTimeout(resolve, 0));

/** Polls until `condition` returns something truthy (and returns it); fails after 2 s. */
async function until(condition, what = 'the condition') {
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
        const value = condition();
        if (value) {
            return value;
        }
        await tick();
    }
    throw new Error('timed out waiting for ' + what);
}

/** An EventSource stand-in: the test plays the server's events. */
class FakeEventSource {
    static all = [];

    constructor(url) {
        this.url = url;
        this.listeners = {};
        this.closed = false;
        FakeEventSource.all.push(this);
    }

    addEventListener(type, listener) {
        (this.listeners[type] ??= []).push(listener);
    }

    emit(type, data) {
        (this.listeners[type] ?? []).forEach(listener => listener({ data: typeof data === 'string' ? data : JSON.stringify(data) }));
    }

    close() {
        this.closed = true;
    }
}

/** A WebSocket stand-in: records what the client sends, lets the test play the server. */
class FakeSocket {
    static all = [];

    constructor(url) {
        this.url = url;
        this.sent = [];
        this.readyState = 1;
        FakeSocket.all.push(this);
    }

    send(text) {
        this.sent.push(JSON.parse(text));
    }

    close() {
        this.drop();
    }

    receive(frame) {
        this.onmessage({ data: JSON.stringify(frame) });
    }

    drop() {
        if (this.readyState === 1) {
            this.readyState = 3;
            this.onclose({ code: 1006 });
        }
    }

    static last(path) {
        return FakeSocket.all.filter(s => s.url.includes(path)).at(-1);
    }
}

function client(options = {}) {
    FakeSocket.all = [];
    return new ParleyClient({
        url: 'https://chat.example.com/app', channels: ['chat'], WebSocket: FakeSocket, EventSource: null,
        backoff: new Backoff({ random: () => 0 }), fetch: async () => ({ status: 200 }), ...options
    });
}

function record(parley, type) {
    const events = [];
    parley.addEventListener(type, e => events.push(e.detail));
    return events;
}

const message = (conversation, seq, id = conversation + '#' + seq, clientMsgId = 'c' + seq) =>
    ({ id, conversation, seq, sender: 'bob', text: 't' + seq, attachments: [], clientMsgId, sentAt: '2026-11-22T10:00:00Z' });

test('backoff is full jitter, doubling up to the cap', () => {
    const high = new Backoff({ base: 500, max: 4000, random: () => 0.999999 });
    assertEqual([1, 2, 3, 4, 5].map(() => high.next()), [499, 999, 1999, 3999, 3999]);
    high.reset();
    assertEqual(high.next(), 499, 'after a reset');
    const low = new Backoff({ random: () => 0 });
    assertEqual(low.next(), 0, 'jitter reaches zero');
});

test('resume cursors never move backwards, and tracking does not override what was seen', () => {
    const cursors = new ResumeCursors();
    cursors.seen('room:a', 5);
    cursors.seen('room:a', 3);
    cursors.track('room:a', 1);
    cursors.track('room:b', 7);
    assertEqual(cursors.toJSON(), { 'room:a': 5, 'room:b': 7 });
});

test('the outbox keeps unacknowledged sends in order, each with its own clientMsgId', () => {
    let n = 0;
    const outbox = new Outbox(() => 'id' + (++n));
    outbox.add('room:a', 'one');
    outbox.add('room:a', 'two');
    outbox.add('room:b', 'three');
    assertEqual(outbox.ack('id2').text, 'two');
    assertEqual(outbox.ack('unknown'), undefined);
    assertEqual(outbox.pending().map(e => e.clientMsgId), ['id1', 'id3']);
});

test('dedupe remembers a bounded number of ids', () => {
    const dedupe = new Dedupe(2);
    assertEqual([dedupe.firstTime('a'), dedupe.firstTime('a'), dedupe.firstTime('b'), dedupe.firstTime('c')], [true, false, true, true]);
    assertEqual(dedupe.firstTime('a'), true, 'a was evicted');
});

test('socket URLs follow the page: wss under https, the token as access_token', () => {
    assertEqual(socketUrl('https://chat.example.com/', 'chat'), 'wss://chat.example.com/chat');
    assertEqual(socketUrl('http://localhost:8080/', 'notifications', 'abc'), 'ws://localhost:8080/notifications?access_token=abc');
});

test('after welcome the client resumes every conversation from where it is', async () => {
    const parley = client();
    parley.connect();
    const socket = FakeSocket.last('/chat');
    socket.receive({ type: 'welcome', user: 'alice', conversations: [{ id: 'room:a', lastSeq: 4 }, { id: 'dm:alice:bob', lastSeq: 0 }] });
    assertEqual(socket.sent[0].type, 'resume');
    assertEqual(socket.sent[0].cursors, { 'room:a': 4, 'dm:alice:bob': 0 });
});

test('a send while offline is pending, goes out after the resume, and counts once when acked', async () => {
    const parley = client();
    const pending = record(parley, 'pending');
    const acks = record(parley, 'ack');
    const messages = record(parley, 'message');
    parley.connect();
    const entry = parley.send('room:a', 'hello');
    assertEqual(pending.length, 1);
    const socket = FakeSocket.last('/chat');
    socket.receive({ type: 'welcome', user: 'alice', conversations: [{ id: 'room:a', lastSeq: 0 }] });
    assertEqual(socket.sent.filter(f => f.type === 'send').length, 0, 'nothing is sent before the resume');
    socket.receive({ type: 'resumed', count: 0, truncated: [] });
    const sent = socket.sent.filter(f => f.type === 'send');
    assertEqual(sent.map(f => [f.clientMsgId, f.text]), [[entry.clientMsgId, 'hello']]);
    const stored = message('room:a', 1, 'm1', entry.clientMsgId);
    socket.receive({ type: 'ack', ref: entry.clientMsgId, message: stored });
    socket.receive({ type: 'message', message: stored });
    assertEqual(acks.length, 1);
    assertEqual(messages.length, 1, 'the ack and the fan-out copy are one message');
    assertEqual(parley.outbox.size, 0);
});

test('after a drop the client reconnects, resumes from the last seq and resends what was not acked', async () => {
    const parley = client();
    const states = record(parley, 'state');
    const messages = record(parley, 'message');
    parley.connect();
    let socket = FakeSocket.last('/chat');
    socket.receive({ type: 'welcome', user: 'alice', conversations: [{ id: 'room:a', lastSeq: 2 }] });
    socket.receive({ type: 'resumed', count: 0, truncated: [] });
    socket.receive({ type: 'message', message: message('room:a', 3) });
    const entry = parley.send('room:a', 'lost in the drop?');
    socket.drop();
    assertEqual(states.at(-1).state, 'reconnecting');
    await tick();
    await tick();
    const again = FakeSocket.last('/chat');
    if (again === socket) {
        throw new Error('no new socket after the drop');
    }
    socket = again;
    socket.receive({ type: 'welcome', user: 'alice', conversations: [{ id: 'room:a', lastSeq: 5 }] });
    assertEqual(socket.sent[0].cursors, { 'room:a': 3 }, 'resume from the last seq seen, not from the welcome');
    socket.receive({ type: 'message', message: message('room:a', 3) });
    socket.receive({ type: 'message', message: message('room:a', 4) });
    socket.receive({ type: 'resumed', count: 2, truncated: [] });
    const resent = socket.sent.filter(f => f.type === 'send');
    assertEqual(resent.map(f => f.clientMsgId), [entry.clientMsgId], 'the same clientMsgId again');
    assertEqual(messages.map(e => e.message.seq), [3, 4], 'seq 3 only once');
    assertEqual(states.at(-1).state, 'online');
});

test('the users a client watches are watched again after a reconnect, without repeats', async () => {
    const parley = client();
    const watching = record(parley, 'watching');
    parley.connect();
    let socket = FakeSocket.last('/chat');
    socket.receive({ type: 'welcome', user: 'alice', conversations: [] });
    socket.receive({ type: 'resumed', count: 0, truncated: [] });
    assertEqual(parley.watch(['bob', 'carol', 'bob']), true, 'sent while online');
    assertEqual(socket.sent.filter(f => f.type === 'watch').map(f => f.users), [['bob', 'carol']]);
    socket.receive({ type: 'watching', ref: 'r1', users: ['bob', 'carol'], online: ['bob'] });
    assertEqual(watching.map(w => w.online), [['bob']]);
    socket.drop();
    await tick();
    await tick();
    socket = FakeSocket.last('/chat');
    socket.receive({ type: 'welcome', user: 'alice', conversations: [] });
    assertEqual(socket.sent.filter(f => f.type === 'watch').length, 0, 'not before the resume');
    socket.receive({ type: 'resumed', count: 0, truncated: [] });
    assertEqual(socket.sent.filter(f => f.type === 'watch').map(f => f.users), [['bob', 'carol']]);
});

test('a refused send leaves the outbox; a rate-limited one stays for the next resume', () => {
    const parley = client();
    parley.connect();
    const socket = FakeSocket.last('/chat');
    socket.receive({ type: 'welcome', user: 'alice', conversations: [] });
    socket.receive({ type: 'resumed', count: 0, truncated: [] });
    const bad = parley.send('room:nowhere', 'x');
    const slow = parley.send('room:a', 'y');
    socket.receive({ type: 'error', ref: bad.clientMsgId, code: 'forbidden', message: 'no' });
    socket.receive({ type: 'error', ref: slow.clientMsgId, code: 'rate_limited', message: 'slow down' });
    assertEqual(parley.outbox.pending().map(e => e.text), ['y']);
});

test('a signed-out user is not reconnected', async () => {
    const parley = client({ fetch: async () => ({ status: 401 }) });
    const states = record(parley, 'state');
    parley.connect();
    FakeSocket.last('/chat').drop();
    await tick();
    await tick();
    assertEqual(states.at(-1).state, 'signed-out');
    assertEqual(FakeSocket.all.length, 1);
});

test('an expired token is replaced through getToken once for all channels, and the client resumes with it', async () => {
    let calls = 0;
    const parley = client({
        token: 'old', channels: ['chat', 'notifications'],
        getToken: async () => { calls++; return 'fresh'; },
        fetch: async (url, init) => ({ status: init.headers.Authorization === 'Bearer old' ? 401 : 200 })
    });
    const states = record(parley, 'state');
    parley.connect();
    // (the host name holds '/chat' too: '//chat.example.com', hence '.com/chat')
    let chat = FakeSocket.last('.com/chat');
    chat.receive({ type: 'welcome', user: 'alice', conversations: [{ id: 'room:a', lastSeq: 4 }] });
    chat.receive({ type: 'resumed', count: 0, truncated: [] });
    chat.onclose({ code: 4001 });
    FakeSocket.last('/notifications').onclose({ code: 4001 });
    for (let i = 0; i < 6; i++) {
        await tick();
    }
    chat = FakeSocket.last('.com/chat');
    assertEqual(new URL(chat.url).searchParams.get('access_token'), 'fresh', 'reconnected with the new token');
    assertEqual(new URL(FakeSocket.last('/notifications').url).searchParams.get('access_token'), 'fresh');
    assertEqual(calls, 1, 'one getToken for both channels');
    chat.receive({ type: 'welcome', user: 'alice', conversations: [{ id: 'room:a', lastSeq: 6 }] });
    assertEqual(chat.sent[0].cursors, { 'room:a': 4 }, 'and resumes from where it was');
    assertEqual(states.at(-1).state === 'signed-out', false);
});

test('when getToken has no token for the user, the client signs out', async () => {
    const parley = client({ token: 'old', getToken: async () => null, fetch: async () => ({ status: 401 }) });
    const states = record(parley, 'state');
    parley.connect();
    FakeSocket.last('/chat').onclose({ code: 4001 });
    for (let i = 0; i < 4; i++) {
        await tick();
    }
    assertEqual(states.at(-1).state, 'signed-out');
    assertEqual(FakeSocket.all.length, 1);
});

test('notifications are acknowledged and emitted once; topics are subscribed again after a reconnect', async () => {
    const parley = client({ channels: ['notifications'] });
    const notifications = record(parley, 'notification');
    parley.connect();
    let socket = FakeSocket.last('/notifications');
    socket.receive({ type: 'welcome', user: 'alice', unread: 1 });
    parley.subscribe('prices:EURUSD');
    const notification = { id: 7, category: 'ops', priority: 'high', title: 't', read: false };
    socket.receive({ type: 'notification', notification });
    socket.receive({ type: 'notification', notification });
    assertEqual(notifications.length, 1);
    assertEqual(socket.sent.filter(f => f.type === 'ack').map(f => f.id), [7, 7], 'acked each time it came');
    socket.drop();
    await tick();
    await tick();
    socket = FakeSocket.last('/notifications');
    socket.receive({ type: 'welcome', user: 'alice', unread: 1 });
    assertEqual(socket.sent.filter(f => f.type === 'subscribe').map(f => f.topic), ['prices:EURUSD']);
});

test('the client lists unacknowledged sends as copies, and forgets them once acked', async () => {
    const parley = client();
    parley.connect();
    const socket = FakeSocket.last('/chat');
    socket.receive({ type: 'welcome', user: 'alice', conversations: [] });
    socket.receive({ type: 'resumed', ref: socket.sent.at(-1).ref, count: 0, truncated: [] });
    const entry = parley.send('room:a', 'hi');
    const listed = parley.unacknowledged();
    assertEqual(listed.map(e => e.clientMsgId), [entry.clientMsgId]);
    listed[0].text = 'changed';
    assertEqual(parley.unacknowledged()[0].text, 'hi', 'a copy, not the outbox itself');
    socket.receive({ type: 'ack', ref: entry.clientMsgId, message: { ...message('room:a', 1), clientMsgId: entry.clientMsgId } });
    assertEqual(parley.unacknowledged(), []);
});

test('where WebSockets never get a frame, the client falls back to the stream, posts in order, and moves back once a WebSocket opens', async () => {
    const posts = [];
    const fetcher = async (url, init = {}) => {
        if (init.method === 'POST') {
            posts.push({ url: String(url), body: init.body });
            return { status: 202 };
        }
        return { status: 200 };
    };
    FakeEventSource.all = [];
    const parley = client({ EventSource: FakeEventSource, fetch: fetcher, probeMillis: 3600000 });
    const states = record(parley, 'state');
    parley.connect();
    FakeSocket.last('/chat').drop(); // refused on the way: closed before any frame
    await until(() => FakeSocket.all.length === 2, 'a second WebSocket attempt');
    assertEqual(FakeEventSource.all.length, 0, 'one silent failure could be a restart: try a WebSocket again');
    FakeSocket.last('/chat').drop();
    const source = await until(() => FakeEventSource.all[0], 'the stream');
    assertEqual(source.url, 'https://chat.example.com/stream/chat');
    source.emit('stream', { id: 'stream-1' });
    source.emit('message', { type: 'welcome', user: 'alice', conversations: [{ id: 'room:a', lastSeq: 4 }] });
    source.emit('message', { type: 'resumed', count: 0, truncated: [] });
    assertEqual([parley.transport('chat'), states.at(-1).state, states.at(-1).transports.chat], ['stream', 'online', 'stream']);
    parley.send('room:a', 'one');
    parley.send('room:a', 'two');
    source.emit('ping', '42');
    await until(() => posts.length === 4, 'four POSTs');
    assertEqual(posts.map(p => p.url.replace('https://chat.example.com/stream/chat/', '')),
        ['stream-1', 'stream-1', 'stream-1', 'stream-1/pong']);
    assertEqual(posts.slice(0, 3).map(p => JSON.parse(p.body).type), ['resume', 'send', 'send']);
    assertEqual(JSON.parse(posts[0].body).cursors, { 'room:a': 4 });
    assertEqual(posts.slice(1, 3).map(p => JSON.parse(p.body).text), ['one', 'two'], 'in order');
    assertEqual(posts[3].body, '42', 'the ping posted back as the pong');

    parley.probeMillis = 0;
    parley.probeLater('chat');
    const probe = await until(() => FakeSocket.all[2], 'a WebSocket probe');
    probe.onopen();
    await until(() => FakeSocket.all.length === 4, 'a WebSocket after the probe opened');
    assertEqual([source.closed, parley.transport('chat')], [true, 'websocket']);
    const socket = FakeSocket.last('/chat');
    socket.receive({ type: 'welcome', user: 'alice', conversations: [] });
    assertEqual(socket.sent[0].type, 'resume', 'the move resumes, so nothing is lost');
});

test('the chat store names conversations from what the server says, never from their ids', () => {
    const store = new ChatStore({ username: 'alice' });
    store.remember({ id: 'room:x', kind: 'room', slug: 'x', title: 'Ex', lastSeq: 3, unread: 1 });
    store.remember({ id: 'dm:alice:bob', kind: 'direct', peer: 'bob', lastSeq: 0, unread: 0 });
    store.remember({ id: 'room:y', kind: 'room', slug: 'y', lastSeq: 0, unread: 0 });
    assertEqual(store.sorted().map(c => store.titleOf(c)), ['@bob', '#Ex', '#y'], 'sorted by title, as the list shows them');
    assertEqual(store.peers(), ['bob']);
});

test('the chat store counts unread only outside the open conversation and for messages of others', () => {
    const store = new ChatStore({ username: 'alice' });
    store.remember({ id: 'room:x', kind: 'room', slug: 'x', lastSeq: 0, unread: 0 });
    store.remember({ id: 'room:y', kind: 'room', slug: 'y', lastSeq: 0, unread: 0 });
    store.currentId = 'room:x';
    store.receive({ ...message('room:x', 1) });
    store.receive({ ...message('room:y', 1) });
    store.receive({ ...message('room:y', 2), sender: 'alice' });
    assertEqual([store.get('room:x').unread, store.get('room:y').unread, store.get('room:y').lastSeq], [0, 1, 2]);
    assertEqual(store.receive(message('room:z', 1)), true, 'an unknown conversation is reported');
});

test('a direct conversation drafted to @bob settles on the id of its first acknowledged message', () => {
    const store = new ChatStore({ username: 'alice' });
    store.currentId = store.draftDirect('bob');
    const draft = store.current;
    assertEqual([draft.id, store.sendTarget(draft)], ['@bob', '@bob']);
    assertEqual(store.isPendingHere({ conversation: '@bob' }), true);
    store.settleDraft('@bob', 'dm:alice:bob');
    assertEqual([store.currentId, store.current.peer, store.has('@bob')], ['dm:alice:bob', 'bob', false]);
    assertEqual(store.isPendingHere({ conversation: '@bob' }), true, 'sends still queued to @bob show here');
    assertEqual(store.draftDirect('bob'), 'dm:alice:bob', 'an existing conversation is reused');
});

const results = { passed: [], failed: [] };
for (const { name, body } of tests) {
    try {
        await body();
        results.passed.push(name);
    } catch (error) {
        results.failed.push({ name, error: String(error && error.stack || error) });
    }
}
document.getElementById('results').textContent = JSON.stringify(results);
