// The notification center: a bell with the unread count, a panel listing notifications newest
// first (styled by priority), mark one or all read (synchronised across tabs by the server's `read`
// frames), and desktop alerts for high and urgent ones while the tab is hidden.
import { $, api, el, formatDay, formatTime, root, safeHref } from './dom.js';

export function startBell(client) {
    const bell = $('bell');
    const count = $('bell-count');
    const panel = $('notification-panel');
    const list = $('notification-list');
    const empty = $('notification-empty');
    const desktop = $('desktop-notifications');
    const items = new Map();
    let unread = 0;

    const setUnread = n => {
        unread = Math.max(0, n);
        count.textContent = unread > 99 ? '99+' : String(unread);
        count.hidden = unread === 0;
        bell.setAttribute('aria-label', `Notifications, ${unread} unread`);
        bell.dataset.unread = String(unread);
    };

    const render = notification => {
        const conversation = notification.data && typeof notification.data.conversation === 'string' ? notification.data.conversation : null;
        const link = safeHref(notification.url) || (conversation ? new URL('?c=' + encodeURIComponent(conversation), root).toString() : null);
        const item = el('li', { class: `notification priority-${notification.priority}${notification.read ? '' : ' unread'}`, dataset: { id: notification.id } },
            el('div', { class: 'title' }, link ? el('a', { href: link }, notification.title) : notification.title),
            notification.body ? el('p', { class: 'body' }, notification.body) : null,
            el('footer', {},
                el('time', { datetime: notification.createdAt }, `${formatDay(notification.createdAt)} ${formatTime(notification.createdAt)} · ${notification.category}`),
                notification.read ? null : el('button', { type: 'button', class: 'quiet', onclick: () => markRead(notification.id) }, 'Mark read')));
        const old = items.get(notification.id);
        if (old) {
            old.replaceWith(item);
        } else {
            list.prepend(item);
        }
        items.set(notification.id, item);
        empty.hidden = true;
    };

    const markedRead = ids => {
        for (const id of ids) {
            const item = items.get(id);
            if (item && item.classList.contains('unread')) {
                item.classList.remove('unread');
                item.querySelector('button')?.remove();
            }
        }
    };

    const markRead = async id => {
        const reply = await api(`notifications/${id}/read`, { method: 'POST' });
        if (reply.status === 204 && items.get(id)?.classList.contains('unread')) {
            markedRead([id]);
            setUnread(unread - 1);
        }
    };

    const load = async () => {
        const reply = await api('notifications?limit=50');
        if (reply.status !== 200) {
            return;
        }
        list.replaceChildren();
        items.clear();
        [...reply.data.notifications].reverse().forEach(render);
        empty.hidden = reply.data.notifications.length > 0;
        setUnread(reply.data.unread);
    };

    bell.addEventListener('click', async () => {
        const open = panel.hidden;
        panel.hidden = !open;
        bell.setAttribute('aria-expanded', String(open));
        if (open) {
            await load();
            desktop.hidden = !('Notification' in window) || Notification.permission !== 'default';
        }
    });
    document.addEventListener('keydown', event => {
        if (event.key === 'Escape' && !panel.hidden) {
            panel.hidden = true;
            bell.setAttribute('aria-expanded', 'false');
            bell.focus();
        }
    });
    $('read-all').addEventListener('click', async () => {
        const reply = await api('notifications/read-all', { method: 'POST' });
        if (reply.status === 204) {
            markedRead([...items.keys()]);
            setUnread(0);
        }
    });
    desktop.addEventListener('click', async () => {
        await Notification.requestPermission();
        desktop.hidden = Notification.permission !== 'default';
    });

    // The count comes from the server: the backlog sent on connect is already in the welcome's count,
    // so counting frames would count those twice. One request per burst of notifications.
    let refresh = null;
    const refreshCount = () => {
        clearTimeout(refresh);
        refresh = setTimeout(async () => {
            const reply = await api('notifications?unread=true&limit=1');
            if (reply.status === 200) {
                setUnread(reply.data.unread);
            }
        }, 150);
    };

    client.addEventListener('notifications-welcome', event => {
        setUnread(event.detail.unread);
        refreshCount();
    });
    client.addEventListener('notification', event => {
        const notification = event.detail.notification;
        refreshCount();
        if (!panel.hidden) {
            render(notification);
        }
        const urgent = notification.priority === 'high' || notification.priority === 'urgent';
        if (urgent && document.hidden && 'Notification' in window && Notification.permission === 'granted') {
            new Notification(notification.title, { body: notification.body || '', tag: 'parley-' + notification.id });
        }
    });
    client.addEventListener('read', event => {
        const fresh = event.detail.ids.filter(id => !items.has(id) || items.get(id).classList.contains('unread'));
        markedRead(event.detail.ids);
        setUnread(unread - fresh.length);
    });
    setUnread(0);
}
