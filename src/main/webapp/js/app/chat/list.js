// The conversation list: one button per conversation with its unread badge and, for a direct
// conversation, the peer's presence dot.
import { $, el } from '../dom.js';

export function createList(store, { onOpen }) {
    const list = $('conversation-list');

    function render() {
        list.replaceChildren(...store.sorted().map(conversation => {
            const title = store.titleOf(conversation);
            const label = title + (conversation.unread ? `, ${conversation.unread} unread` : '');
            return el('li', { class: 'conversation-item' },
                el('button', {
                    type: 'button', 'aria-current': conversation.id === store.currentId ? 'true' : 'false', 'aria-label': label,
                    dataset: { conversation: conversation.id }, onclick: () => onOpen(conversation.id)
                },
                conversation.kind === 'direct'
                    ? el('span', { class: 'dot' + (store.online.has(conversation.peer) ? ' online' : ''), 'aria-hidden': 'true' }) : null,
                el('span', { class: 'name' }, title),
                conversation.unread ? el('span', { class: 'badge', dataset: { unread: conversation.unread } }, conversation.unread) : null));
        }));
    }

    return { render };
}
