// The composer: Enter sends, Shift+Enter adds a line, Up (when empty) edits the last own message,
// `@` suggests the conversation's members; files by picker, drag-and-drop and paste are
// uploaded first and sent with the message; typing is announced at most every 3 s.
import { $, api, el, problemText } from '../dom.js';

export function createComposer(store, client, { dropTargets = [], onEditLast = () => {} } = {}) {
    const composer = $('composer');
    const text = $('composer-text');
    let uploads = [];                  // {name, id?, error?} for the message being written
    let lastTyping = 0;

    composer.addEventListener('submit', event => {
        event.preventDefault();
        const conversation = store.current;
        const body = text.value.trim();
        const ready = uploads.filter(upload => upload.id);
        if (!conversation || (!body && !ready.length) || uploads.some(upload => !upload.id && !upload.error)) {
            return;
        }
        client.send(store.sendTarget(conversation), body, ready.map(upload => upload.id));
        text.value = '';
        uploads = [];
        renderUploads();
    });

    const mentions = createMentions(store, text);

    text.addEventListener('keydown', event => {
        if (mentions.keydown(event)) {
            return;
        }
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            composer.requestSubmit();
        } else if (event.key === 'ArrowUp' && !text.value) {
            event.preventDefault();
            onEditLast(); // as in Slack: Up in an empty composer edits your last message
        }
    });

    text.addEventListener('input', () => {
        mentions.update();
        const now = Date.now();
        const conversation = store.current;
        if (conversation && !conversation.draft && now - lastTyping > 3000 && text.value) {
            lastTyping = now;
            client.typing(conversation.id);
        }
    });

    $('attach').addEventListener('click', () => $('file-input').click());
    $('file-input').addEventListener('change', event => {
        upload([...event.target.files]);
        event.target.value = '';
    });
    for (const target of [...dropTargets, composer]) {
        target.addEventListener('dragover', event => {
            if (event.dataTransfer?.types.includes('Files')) {
                event.preventDefault();
                composer.classList.add('dragging');
            }
        });
        target.addEventListener('dragleave', () => composer.classList.remove('dragging'));
        target.addEventListener('drop', event => {
            composer.classList.remove('dragging');
            if (event.dataTransfer?.files.length) {
                event.preventDefault();
                upload([...event.dataTransfer.files]);
            }
        });
    }
    text.addEventListener('paste', event => {
        const files = [...(event.clipboardData?.files || [])];
        if (files.length) {
            event.preventDefault();
            upload(files);
        }
    });

    async function upload(files) {
        for (const file of files) {
            const entry = { name: file.name || 'pasted file' };
            uploads.push(entry);
            renderUploads();
            const form = new FormData();
            form.append('file', file, entry.name);
            const reply = await api('attachments', { method: 'POST', form });
            if (reply.status === 201) {
                entry.id = reply.data.id;
            } else {
                entry.error = reply.status === 413 ? 'too large (10 MB at most)' : problemText(reply, 'upload failed');
            }
            renderUploads();
        }
    }

    function renderUploads() {
        $('previews').replaceChildren(...uploads.map(upload => el('span', { class: upload.error ? 'error' : '' },
            `${upload.name}: ${upload.error || (upload.id ? 'ready' : 'uploading…')}`,
            el('button', { type: 'button', class: 'quiet', 'aria-label': 'Remove ' + upload.name, onclick: () => {
                uploads = uploads.filter(other => other !== upload);
                renderUploads();
            } }, '×'))));
    }

    return {
        show(visible) {
            composer.hidden = !visible;
        },
        focus() {
            text.focus();
        }
    };
}

/**
 * `@` autocomplete: while the word before the caret is `@` and a prefix, a list of the conversation's
 * members (and, in a room, `@here` and `@channel`) that start with it; Up and Down move, Enter or Tab
 * takes one, Escape closes. Members come from GET /api/rooms/{slug} once per room.
 */
function createMentions(store, text) {
    const list = el('ul', { class: 'mentions', id: 'mention-list', role: 'listbox', 'aria-label': 'Mention someone', hidden: true });
    text.after(list);
    text.setAttribute('aria-controls', 'mention-list');
    const members = new Map();   // conversation id → usernames
    let options = [];
    let selected = 0;

    async function membersOf(conversation) {
        if (conversation.kind === 'direct') {
            return [conversation.peer];
        }
        if (!members.has(conversation.id)) {
            members.set(conversation.id, []);
            const reply = await api('rooms/' + encodeURIComponent(conversation.slug));
            if (reply.status === 200) {
                members.set(conversation.id, reply.data.members);
            }
        }
        return members.get(conversation.id);
    }

    /** The `@prefix` being typed before the caret, or null. */
    function typed() {
        const before = text.value.slice(0, text.selectionStart);
        const match = /(^|[^A-Za-z0-9_.@-])@([a-z0-9_.-]{0,32})$/.exec(before);
        return match ? match[2] : null;
    }

    async function update() {
        const prefix = typed();
        const conversation = store.current;
        if (prefix === null || !conversation) {
            close();
            return;
        }
        const names = [...await membersOf(conversation)].filter(name => name !== store.me.username);
        const everyone = conversation.kind === 'room' ? [['here', 'members online'], ['channel', 'every member']] : [];
        options = [...names.map(name => [name, '']), ...everyone].filter(([name]) => name.startsWith(prefix)).slice(0, 8);
        selected = 0;
        render();
    }

    function render() {
        list.hidden = options.length === 0;
        list.replaceChildren(...options.map(([name, hint], index) => el('li', {
            role: 'option', id: 'mention-' + index, 'aria-selected': index === selected ? 'true' : 'false',
            onmousedown: event => {
                event.preventDefault();
                take(index);
            }
        }, '@' + name, hint ? el('span', { class: 'hint' }, hint) : null)));
        if (options.length) {
            text.setAttribute('aria-activedescendant', 'mention-' + selected);
        } else {
            text.removeAttribute('aria-activedescendant');
        }
    }

    function take(index) {
        const prefix = typed();
        if (prefix === null || !options[index]) {
            return close();
        }
        const caret = text.selectionStart;
        const start = caret - prefix.length;
        const name = options[index][0] + ' ';
        text.value = text.value.slice(0, start) + name + text.value.slice(caret);
        text.setSelectionRange(start + name.length, start + name.length);
        close();
        text.focus();
    }

    function close() {
        options = [];
        render();
    }

    /** @returns whether the key was the list's */
    function keydown(event) {
        if (list.hidden || !options.length) {
            return false;
        }
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            selected = (selected + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
            render();
        } else if (event.key === 'Enter' || event.key === 'Tab') {
            take(selected);
        } else if (event.key === 'Escape') {
            close();
        } else {
            return false;
        }
        event.preventDefault();
        return true;
    }

    text.addEventListener('blur', () => setTimeout(close, 150));
    return { update, keydown };
}

