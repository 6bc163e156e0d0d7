// The message pane of the open conversation: messages with day separators, "(edited)", tombstones
// and reactions, the actions on a message (react, and for one's own edit and delete), the user's
// unacknowledged sends below them, "seen by" under the user's last message, the typing line, and
// older history when scrolled to the top.
import { $, el, formatDay, formatTime } from '../dom.js';

/** `@name` as the server reads mentions (not inside an e-mail address); group 1 is what precedes it. */
const MENTION = /(^|[^A-Za-z0-9_.@-])@([a-z0-9_.-]{3,32})/g;
/** The names that mention a whole room. */
export const EVERYONE = ['here', 'channel', 'room', 'everyone', 'all'];

export function createPane(store, client, { onOpenThread = () => {} } = {}) {
    const pane = $('messages');
    let typingTimer = null;

    function fileNode(file) {
        if (/^image\/(png|jpeg|gif|webp)$/.test(file.contentType)) {
            return el('a', { href: file.url, target: '_blank', rel: 'noopener' }, el('img', { src: file.url, alt: file.name, loading: 'lazy' }));
        }
        const size = file.size > 1048576 ? (file.size / 1048576).toFixed(1) + ' MB' : Math.ceil(file.size / 1024) + ' KB';
        return el('a', { href: file.url, download: file.name, class: 'file' }, `${file.name} (${size})`);
    }

    /**
     * A message. `grouped`: it follows a message of the same sender a few minutes earlier, so it shows
     * without avatar and header (its time is in its title), as Slack groups them.
     */
    function messageNode(message, pending = false, grouped = false) {
        const own = message.sender === store.me.username;
        const stored = !pending && !message.deleted;
        const name = store.nameOf(message.sender);
        return el('article', {
            class: 'message' + (own ? ' own' : '') + (pending ? ' pending' : '') + (message.deleted ? ' deleted' : '')
                + (grouped && !pending ? ' grouped' : ''),
            title: grouped && message.sentAt ? formatTime(message.sentAt) : null,
            dataset: pending ? { clientMsgId: message.clientMsgId } : { id: message.id, seq: message.seq, day: formatDay(message.sentAt) }
        },
        !own && !grouped ? avatar(message.sender, name) : null,
        grouped && !pending ? null : el('header', {}, el('span', { class: 'sender', title: '@' + message.sender }, own ? 'You' : name),
            message.sentAt ? el('time', { datetime: message.sentAt }, formatTime(message.sentAt)) : null,
            message.editedAt && !message.deleted ? el('span', { class: 'edited', title: 'Edited ' + formatTime(message.editedAt) }, '(edited)') : null),
        message.deleted ? el('p', { class: 'text tombstone' }, 'Message deleted')
            : message.text ? el('p', { class: 'text' }, withMentions(message.text)) : null,
        message.attachments && message.attachments.length && !pending
            ? el('div', { class: 'files' }, message.attachments.map(fileNode)) : null,
        stored && message.reactions && message.reactions.length ? reactionsNode(message) : null,
        !pending && !message.thread && message.replies
            ? el('button', { type: 'button', class: 'quiet thread-link', onclick: () => onOpenThread(message) },
                `${message.replies} ${message.replies === 1 ? 'reply' : 'replies'}`
                + (message.lastReplyAt ? ` · last ${formatTime(message.lastReplyAt)}` : '')) : null,
        stored ? actionsNode(message, own) : null,
        pending ? el('div', { class: 'status' }, 'Sending…') : null,
        own && !pending ? el('div', { class: 'seen' }) : null);
    }

    /** A circle with the initials of the display name, in a colour of the username's own. */
    function avatar(username, name) {
        const words = name.split(/[\s._-]+/).filter(Boolean);
        const initials = (words.length > 1 ? words[0][0] + words[1][0] : name.slice(0, 2)).toUpperCase();
        let hash = 0;
        for (const char of username) {
            hash = (hash * 31 + char.codePointAt(0)) % 360;
        }
        const node = el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials);
        node.style.backgroundColor = `hsl(${hash} 55% 42%)`; // through the CSSOM: the CSP allows no style attributes
        return node;
    }

    /** Whether `message` continues a group begun by `previous`: same sender, same day, within five minutes. */
    function continues(previous, message) {
        return !!previous && previous.sender === message.sender && !previous.deleted && !message.deleted
            && formatDay(previous.sentAt) === formatDay(message.sentAt)
            && new Date(message.sentAt) - new Date(previous.sentAt) < 5 * 60 * 1000;
    }

    /**
     * The text as text nodes, with each `@name` in a `mention` span (and `me` when it is the user or the
     * whole room): never HTML, whatever the text holds.
     */
    function withMentions(text) {
        const parts = [];
        let last = 0;
        for (const match of text.matchAll(MENTION)) {
            const start = match.index + match[1].length;
            parts.push(text.slice(last, start));
            const name = match[2];
            const me = name === store.me.username || EVERYONE.includes(name);
            parts.push(el('span', { class: 'mention' + (me ? ' me' : '') }, '@' + name));
            last = start + 1 + name.length;
        }
        parts.push(text.slice(last));
        return parts.filter(part => part !== '');
    }

    /** One button per emoji: its count, pressed when the user is among those who reacted; a press toggles. */
    function reactionsNode(message) {
        return el('div', { class: 'reactions' }, message.reactions.map(reaction => {
            const mine = reaction.users.includes(store.me.username);
            return el('button', {
                type: 'button', class: 'reaction' + (mine ? ' mine' : ''), 'aria-pressed': mine ? 'true' : 'false',
                title: reaction.users.join(', '),
                onclick: () => client.react(message.conversation, message.seq, reaction.emoji, !mine)
            }, `${reaction.emoji} ${reaction.count}`);
        }));
    }

    /** React (an emoji picker), and for the user's own messages edit and delete. */
    function actionsNode(message, own) {
        return el('div', { class: 'actions' },
            el('button', { type: 'button', class: 'quiet', 'aria-label': 'Add a reaction', title: 'Add a reaction',
                onclick: event => togglePicker(event.currentTarget.closest('article'), message) }, '☺+'),
            message.thread ? null : el('button', { type: 'button', class: 'quiet reply', title: 'Reply in thread',
                onclick: () => onOpenThread(message) }, 'Reply'),
            message.thread ? null : el('button', { type: 'button', class: 'quiet', title: 'Mark unread from here',
                onclick: () => client.markUnread(message.conversation, message.seq) }, 'Unread'),
            own ? el('button', { type: 'button', class: 'quiet', title: 'Edit (↑ in an empty composer)',
                onclick: () => startEdit(message) }, 'Edit') : null,
            own ? el('button', { type: 'button', class: 'quiet', title: 'Delete',
                onclick: () => {
                    if (confirm('Delete this message for everyone?')) {
                        client.deleteMessage(message.conversation, message.seq);
                    }
                } }, 'Delete') : null);
    }

    function togglePicker(article, message) {
        const open = article.querySelector('.picker');
        if (open) {
            open.remove();
            return;
        }
        const picker = el('div', { class: 'picker', role: 'group', 'aria-label': 'Reactions' }, store.emoji.map(emoji =>
            el('button', { type: 'button', class: 'quiet', 'aria-label': 'React with ' + emoji, onclick: () => {
                picker.remove();
                client.react(message.conversation, message.seq, emoji, true);
            } }, emoji)));
        picker.addEventListener('keydown', event => {
            if (event.key === 'Escape') {
                picker.remove();
            }
        });
        article.append(picker);
        picker.querySelector('button')?.focus();
    }

    /** Replaces the text by an editor: Enter saves, Shift+Enter adds a line, Escape cancels. */
    function startEdit(message) {
        const article = nodeOf(message.seq);
        if (!article || article.querySelector('.editor')) {
            return;
        }
        const editor = el('textarea', { class: 'editor', rows: 2, 'aria-label': 'Edit message', maxlength: 8000 });
        editor.value = message.text;
        const cancel = () => article.replaceWith(messageNode(message));
        editor.addEventListener('keydown', event => {
            if (event.key === 'Escape') {
                cancel();
            } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                const text = editor.value.trim();
                if (text && text !== message.text) {
                    client.edit(message.conversation, message.seq, text);
                }
                cancel();
            }
        });
        (article.querySelector('p.text') || article.querySelector('header')).after(editor);
        article.querySelector('p.text')?.remove();
        editor.focus();
        editor.setSelectionRange(editor.value.length, editor.value.length);
    }

    function nodeOf(seq) {
        return document.querySelector(`article.message[data-seq="${Number(seq)}"]`);
    }

    /** A message of the open conversation changed: its node (in the pane or the thread panel) is drawn again. */
    function update(message) {
        document.querySelectorAll(`article.message[data-seq="${Number(message.seq)}"]`)
            .forEach(node => node.replaceWith(messageNode(message, false, node.classList.contains('grouped') && !message.deleted)));
        renderSeen();
    }

    function lastRenderedDay() {
        const rendered = pane.querySelectorAll('article.message[data-day]');
        return rendered.length ? rendered[rendered.length - 1].dataset.day : null;
    }

    function atBottom() {
        return pane.scrollHeight - pane.scrollTop - pane.clientHeight < 40;
    }

    /** Everything of the open conversation, from the store and the client's unacknowledged sends. */
    function render() {
        const nodes = [];
        let day = null;
        const unreadFrom = store.current?.unreadFrom;
        let marked = false;
        let previous = null;
        for (const message of [...store.view(store.currentId).messages.values()].sort((a, b) => a.seq - b.seq)) {
            const messageDay = formatDay(message.sentAt);
            if (messageDay !== day) {
                nodes.push(el('div', { class: 'day', role: 'separator' }, messageDay));
                day = messageDay;
                previous = null;
            }
            if (!marked && unreadFrom !== undefined && unreadFrom !== null && message.seq > unreadFrom && message.sender !== store.me.username) {
                nodes.push(el('div', { class: 'new-marker', role: 'separator', id: 'new-marker' }, 'New messages'));
                marked = true;
                previous = null;
            }
            nodes.push(messageNode(message, false, continues(previous, message)));
            previous = message;
        }
        for (const entry of client.unacknowledged().filter(entry => !entry.thread && store.isPendingHere(entry))) {
            nodes.push(messageNode({ ...entry, sender: store.me.username }, true));
        }
        if (!nodes.length) {
            nodes.push(el('p', { class: 'empty' }, 'No messages yet. Say hello!'));
        }
        pane.setAttribute('aria-busy', 'true');
        pane.replaceChildren(...nodes);
        pane.setAttribute('aria-busy', 'false');
        renderSeen();
    }

    /** A new message of the open conversation, above the pending sends; scrolls if the user was at the bottom. */
    function append(message) {
        const stick = atBottom();
        pane.querySelector('.empty')?.remove();
        const day = formatDay(message.sentAt);
        const firstPending = pane.querySelector('article.pending');
        const nodes = [];
        if (day !== lastRenderedDay()) {
            nodes.push(el('div', { class: 'day', role: 'separator' }, day));
        }
        const rendered = [...pane.children].filter(node => !node.classList.contains('pending')).pop();
        const previous = rendered?.matches('article.message[data-seq]')
            ? store.view(store.currentId).messages.get(Number(rendered.dataset.seq)) : null;
        nodes.push(messageNode(message, false, continues(previous, message)));
        nodes.forEach(node => firstPending ? pane.insertBefore(node, firstPending) : pane.append(node));
        renderSeen();
        if (stick || message.sender === store.me.username) {
            scrollToBottom();
        }
    }

    /** A history page arrived: render it and keep what the user was looking at in place. */
    function prepend() {
        const before = pane.scrollHeight;
        render();
        pane.scrollTop = pane.scrollHeight - before + pane.scrollTop;
    }

    function pending(entry) {
        if (entry.thread) {
            return;
        }
        pane.querySelector('.empty')?.remove();
        pane.append(messageNode({ ...entry, sender: store.me.username }, true));
        scrollToBottom();
    }

    function pendingNode(clientMsgId) {
        return typeof clientMsgId === 'string' ? pane.querySelector(`article.pending[data-client-msg-id="${CSS.escape(clientMsgId)}"]`) : null;
    }

    function acknowledged(clientMsgId) {
        document.querySelectorAll(`article.pending[data-client-msg-id="${CSS.escape(clientMsgId)}"]`).forEach(node => node.remove());
    }

    /** @returns whether the error was about one of the pending sends */
    function refused(frame) {
        const status = pendingNode(frame.ref)?.querySelector('.status');
        if (status) {
            status.textContent = frame.code === 'rate_limited' ? 'Waiting to send…' : 'Not sent: ' + frame.message;
        }
        return !!status;
    }

    function renderSeen() {
        pane.querySelectorAll('.seen').forEach(node => { node.textContent = ''; });
        const own = [...pane.querySelectorAll('article.message.own[data-seq]')];
        if (!own.length) {
            return;
        }
        const last = own[own.length - 1];
        const readers = store.readersOf(Number(last.dataset.seq));
        last.querySelector('.seen').textContent = readers.length ? 'Seen by ' + readers.join(', ') : '';
    }

    function typing(user) {
        $('typing').textContent = `${user} is typing…`;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(clearTyping, 4000);
    }

    function clearTyping() {
        clearTimeout(typingTimer);
        $('typing').textContent = '';
    }

    function scrollToBottom() {
        pane.scrollTop = pane.scrollHeight;
    }

    /** Scrolls to the "New messages" marker, if there is one; @returns whether there was */
    function scrollToUnread() {
        const marker = pane.querySelector('#new-marker');
        if (marker) {
            pane.scrollTop = Math.max(0, marker.offsetTop - pane.offsetTop - 40);
        }
        return !!marker;
    }

    function showEmpty(text) {
        pane.replaceChildren(el('p', { class: 'empty' }, text));
    }

    function onScrolledToTop(load) {
        pane.addEventListener('scroll', () => {
            if (pane.scrollTop < 60) {
                load();
            }
        });
    }

    /** A refused request that is not a send (an edit, a reaction): said on the status line for a while. */
    function notice(text) {
        $('typing').textContent = text;
        clearTimeout(typingTimer);
        typingTimer = setTimeout(clearTyping, 6000);
    }

    return {
        render, append, prepend, pending, acknowledged, refused, renderSeen, typing, clearTyping, scrollToBottom, scrollToUnread, showEmpty,
        onScrolledToTop, update, startEdit, notice, node: messageNode, element: pane
    };
}
