// Rooms and people: the room directory (join), creating a room, leaving the open room, and finding a
// user to write to.
import { $, api, el, problemText } from '../dom.js';

export function startDirectory(store, client, { reloadConversations, open, openDirect }) {
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
        const conversation = store.current;
        if (conversation?.kind === 'room') {
            client.leave(conversation.slug);
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
            $('user-results').replaceChildren(...reply.data.users.filter(user => user.username !== store.me.username).map(user =>
                el('li', {}, el('button', { type: 'button', class: 'quiet', onclick: () => {
                    $('user-search').value = '';
                    $('user-results').replaceChildren();
                    openDirect(user.username);
                } }, `${user.displayName} (@${user.username})`))));
        }, 200);
    });
}
