// The thread panel: a message and its replies, with a composer that replies in the thread. It opens
// beside the conversation (over it at phone width) and closes with its button or Escape.
import { $, el } from '../dom.js';

export function createThread(store, client, pane) {
    const panel = $('thread');
    const list = $('thread-messages');
    const text = $('thread-text');

    $('thread-close').addEventListener('click', close);
    panel.addEventListener('keydown', event => {
        if (event.key === 'Escape' && !event.target.classList.contains('editor')) {
            close();
        }
    });
    $('thread-composer').addEventListener('submit', event => {
        event.preventDefault();
        const open = store.openThread;
        const body = text.value.trim();
        if (!open || !body) {
            return;
        }
        client.send(open.conversation, body, [], { thread: open.root });
        text.value = '';
    });
    text.addEventListener('keydown', event => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            $('thread-composer').requestSubmit();
        }
    });

    /** Opens the thread of a top-level message, loading its replies once. */
    function open(message) {
        $('search-panel').hidden = true;
        store.openThread = { conversation: message.conversation, root: message.seq };
        panel.hidden = false;
        document.body.classList.add('thread-open');
        const thread = store.thread(message.conversation, message.seq);
        if (!thread.loaded && client.history(message.conversation, undefined, 100, { thread: message.seq })) {
            thread.loaded = true;
            thread.loading = true;
        }
        render();
        text.focus();
    }

    function close() {
        store.openThread = null;
        panel.hidden = true;
        document.body.classList.remove('thread-open');
        $('composer-text')?.focus();
    }

    /** The open thread's first message and its replies, with the user's pending replies below them. */
    function render() {
        const open = store.openThread;
        if (!open) {
            return;
        }
        const root = store.view(open.conversation).messages.get(open.root);
        const replies = [...store.thread(open.conversation, open.root).messages.values()].sort((a, b) => a.seq - b.seq);
        const pending = client.unacknowledged().filter(entry => entry.thread === open.root && entry.conversation === open.conversation);
        list.replaceChildren(
            root ? pane.node(root) : el('p', { class: 'empty' }, 'Loading…'),
            el('div', { class: 'thread-count', role: 'separator' }, replies.length === 1 ? '1 reply' : `${replies.length} replies`),
            ...replies.map(reply => pane.node(reply)),
            ...pending.map(entry => pane.node({ ...entry, sender: store.me.username }, true)));
        list.scrollTop = list.scrollHeight;
    }

    /** Whether a message, a page or a pending send belongs to the open thread. */
    function shows(conversation, root) {
        const open = store.openThread;
        return !!open && open.conversation === conversation && open.root === root;
    }

    return { open, close, render, shows };
}
