// Message search: the box above the conversations asks GET /api/search, and the results list beside
// the conversation shows each hit's conversation, sender and time, with the matched words marked (as
// text nodes and <mark> elements: never HTML from the text). A hit opens its conversation at it.
import { $, api, el, formatDay, formatTime, problemText } from '../dom.js';

export function createSearch(store, { onOpenAt, beforeOpen }) {
    const panel = $('search-panel');
    const results = $('search-results');

    $('search-form').addEventListener('submit', event => {
        event.preventDefault();
        run($('search').value.trim());
    });
    $('search-close').addEventListener('click', close);
    panel.addEventListener('keydown', event => {
        if (event.key === 'Escape') {
            close();
        }
    });

    async function run(q) {
        if (!q) {
            return;
        }
        beforeOpen();
        panel.hidden = false;
        document.body.classList.add('thread-open');
        $('search-title').textContent = 'Searching…';
        const reply = await api('search?q=' + encodeURIComponent(q) + '&limit=50');
        if (reply.status !== 200) {
            $('search-title').textContent = 'Search';
            results.replaceChildren(el('li', { class: 'empty' }, problemText(reply, 'The search failed')));
            return;
        }
        const hits = reply.data.hits;
        $('search-title').textContent = hits.length
            ? `${hits.length}${reply.data.hasMore ? '+' : ''} result${hits.length === 1 && !reply.data.hasMore ? '' : 's'}` : 'No results';
        results.replaceChildren(...hits.map(hit => resultNode(hit)));
        results.querySelector('button')?.focus();
    }

    function resultNode(hit) {
        const message = hit.message;
        const conversation = store.get(message.conversation);
        return el('li', { class: 'search-hit' },
            el('button', {
                type: 'button', class: 'quiet', onclick: () => onOpenAt(message)
            },
            el('span', { class: 'where' }, (conversation ? store.titleOf(conversation) : message.conversation) + ' · '
                + store.nameOf(message.sender) + ' · ' + formatDay(message.sentAt) + ' ' + formatTime(message.sentAt)),
            el('span', { class: 'text' }, marked(message.text, hit.highlights))));
    }

    /** The text with each highlighted range in a <mark>. */
    function marked(text, ranges) {
        const parts = [];
        let at = 0;
        for (const range of ranges) {
            parts.push(text.slice(at, range.start), el('mark', {}, text.slice(range.start, range.end)));
            at = range.end;
        }
        parts.push(text.slice(at));
        return parts.filter(part => part !== '');
    }

    function close() {
        panel.hidden = true;
        if ($('thread').hidden) {
            document.body.classList.remove('thread-open');
        }
        $('search').focus();
    }

    return { close, run };
}
