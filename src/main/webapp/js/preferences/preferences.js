// Notification preferences: per category on/off and lowest priority pushed, and quiet hours with a
// time zone. The whole document is saved at once (PUT /api/me/preferences).
import { $, api, el, problemText } from '../app/dom.js';
import { startShell } from '../app/shell.js';

await startShell({ channels: ['notifications'] });

const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const rows = $('categories');

function row(name = '', rule = { enabled: true, minPriority: 'low' }) {
    return el('tr', {},
        el('td', {}, el('input', { name: 'category', value: name, required: true, 'aria-label': 'Category', pattern: '[A-Za-z0-9_.:\\-]{1,64}' })),
        el('td', {}, el('input', { type: 'checkbox', name: 'enabled', checked: rule.enabled, 'aria-label': 'On' })),
        el('td', {}, el('select', { name: 'minPriority', 'aria-label': 'Lowest priority pushed' },
            PRIORITIES.map(p => el('option', { value: p, selected: p === rule.minPriority }, p)))),
        el('td', {}, el('button', { type: 'button', class: 'quiet', onclick: event => event.target.closest('tr').remove() }, 'Remove')));
}

const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
$('quiet-zone').replaceChildren(...zones.map(zone => el('option', { value: zone, selected: zone === here }, zone)));

const current = await api('me/preferences');
if (current.status === 200) {
    const categories = current.data.categories || {};
    rows.replaceChildren(...Object.entries(categories).map(([name, rule]) => row(name, rule)));
    if (!Object.keys(categories).length) {
        rows.append(row('chat'));
    }
    const quiet = current.data.quietHours;
    $('quiet-enabled').checked = !!quiet;
    if (quiet) {
        $('quiet-start').value = quiet.start;
        $('quiet-end').value = quiet.end;
        $('quiet-zone').value = quiet.zone;
    }
}

$('add-category').addEventListener('click', () => rows.append(row()));

$('preferences').addEventListener('submit', async event => {
    event.preventDefault();
    const categories = {};
    for (const tr of rows.querySelectorAll('tr')) {
        const name = tr.querySelector('[name=category]').value.trim();
        if (name) {
            categories[name] = { enabled: tr.querySelector('[name=enabled]').checked, minPriority: tr.querySelector('[name=minPriority]').value };
        }
    }
    const quietHours = $('quiet-enabled').checked
        ? { start: $('quiet-start').value, end: $('quiet-end').value, zone: $('quiet-zone').value } : null;
    const reply = await api('me/preferences', { method: 'PUT', body: { categories, quietHours } });
    $('preferences-status').textContent = reply.status === 200 || reply.status === 204 ? 'Saved.' : problemText(reply, 'Not saved');
});
