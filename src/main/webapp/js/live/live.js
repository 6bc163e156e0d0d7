// Live data: a ticker of topics (e.g. prices:EURUSD) updated as a publisher posts values, and for
// publishers, forms to post a topic update or send a notification to users or everyone.
import { $, api, el, formatTime, problemText } from '../app/dom.js';
import { startShell } from '../app/shell.js';

const { me, client } = await startShell({ channels: ['notifications'] });
const tiles = new Map();

function watch(topic) {
    if (tiles.has(topic)) {
        return;
    }
    const value = el('div', { class: 'value' }, '—');
    const time = el('time', {}, 'waiting for a value');
    const tile = el('li', { dataset: { topic } }, el('div', {}, topic), value, time);
    tiles.set(topic, { value, time, last: null });
    $('ticker').append(tile);
    client.subscribe(topic);
}

function display(data) {
    if (data && typeof data === 'object' && !Array.isArray(data)) {
        const number = Object.values(data).find(v => typeof v === 'number');
        if (number !== undefined) {
            return number;
        }
    }
    return typeof data === 'string' || typeof data === 'number' ? data : JSON.stringify(data);
}

client.addEventListener('update', event => {
    const tile = tiles.get(event.detail.topic);
    if (!tile) {
        return;
    }
    const shown = display(event.detail.data);
    tile.value.textContent = String(shown);
    tile.value.className = 'value' + (typeof shown === 'number' && typeof tile.last === 'number'
        ? (shown > tile.last ? ' up' : shown < tile.last ? ' down' : '') : '');
    tile.last = shown;
    tile.time.textContent = 'at ' + formatTime(event.detail.publishedAt);
    tile.time.setAttribute('datetime', event.detail.publishedAt);
});

$('watch').addEventListener('submit', event => {
    event.preventDefault();
    watch($('topic').value.trim());
});
watch('prices:EURUSD');

if (me.roles.includes('publisher')) {
    $('publisher').hidden = false;
    const status = $('publish-status');
    $('publish-topic').addEventListener('submit', async event => {
        event.preventDefault();
        const form = event.target;
        let data;
        try {
            data = JSON.parse(form.elements.data.value);
        } catch {
            status.textContent = 'The value must be JSON, e.g. {"price": 1.08}';
            return;
        }
        const reply = await api('topics/' + encodeURIComponent(form.elements.topic.value.trim()), { method: 'POST', body: { data } });
        status.textContent = reply.status === 202 ? 'Update published.' : problemText(reply, 'Not published');
    });
    $('publish-notification').addEventListener('submit', async event => {
        event.preventDefault();
        const form = event.target;
        const users = form.elements.to.value.split(',').map(u => u.trim()).filter(Boolean);
        const reply = await api('notifications', {
            method: 'POST', body: {
                to: users.length ? { users } : { all: true }, title: form.elements.title.value, body: form.elements.body.value || undefined,
                category: form.elements.category.value || undefined, priority: form.elements.priority.value
            }
        });
        status.textContent = reply.status === 202 ? `Sent to ${reply.data.ids.length} recipient(s).` : problemText(reply, 'Not sent');
    });
}
