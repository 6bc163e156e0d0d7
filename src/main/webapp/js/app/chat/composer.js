// The composer: Enter sends, Shift+Enter adds a line, Up (when empty) edits the last own message; files by picker, drag-and-drop and paste are
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

    text.addEventListener('keydown', event => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            composer.requestSubmit();
        } else if (event.key === 'ArrowUp' && !text.value) {
            event.preventDefault();
            onEditLast(); // as in Slack: Up in an empty composer edits your last message
        }
    });

    text.addEventListener('input', () => {
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
