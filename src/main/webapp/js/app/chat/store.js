// What the chat view knows, with no DOM: the user's conversations (as the server describes them:
// kind, title, slug, peer), each one's loaded messages (top level; replies are kept per thread) and
// read positions, who is online, and which conversation and thread are open. The list, pane and composer render from it; chat.js feeds it from the client.

export class ChatStore {
    constructor(me) {
        this.me = me;
        this.conversations = new Map();   // id → {id, kind, title, slug, peer, lastSeq, unread, readSeq, draft?}
        this.views = new Map();           // id → {messages: Map(seq → message), hasMore, loading, loaded, reads: Map(user → seq)}
        this.online = new Set();
        this.currentId = null;
        this.emoji = [];                  // the reactions the server allows, for the picker
        this.threads = new Map();         // conversation + '\n' + root seq → {messages: Map(seq → reply), hasMore, loading, loaded}
        this.openThread = null;           // {conversation, root} of the thread panel, or null
        this.names = new Map();           // username → display name
        this.unnamed = new Set();         // usernames shown but not yet looked up
    }

    /** Merges a conversation's state (from `welcome` or GET /api/conversations) into what is known. */
    remember(state) {
        const known = this.conversations.get(state.id) || { unread: 0, lastSeq: 0 };
        this.conversations.set(state.id, { ...known, ...state });
    }

    get(id) {
        return this.conversations.get(id);
    }

    has(id) {
        return this.conversations.has(id);
    }

    forget(id) {
        this.conversations.delete(id);
        this.views.delete(id);
        if (this.currentId === id) {
            this.currentId = null;
        }
    }

    get current() {
        return this.currentId === null ? undefined : this.conversations.get(this.currentId);
    }

    /** Conversations sorted by what the list shows. */
    sorted() {
        return [...this.conversations.values()].sort((a, b) => this.titleOf(a).localeCompare(this.titleOf(b)));
    }

    titleOf(conversation) {
        if (conversation.kind === 'direct') {
            return '@' + (conversation.peer ? this.nameOf(conversation.peer) : '…');
        }
        return '#' + (conversation.title || conversation.slug || conversation.id);
    }

    /** A user's display name, once known (their username until then, and it is asked for). */
    nameOf(username) {
        if (!this.names.has(username)) {
            this.unnamed.add(username);
            return username;
        }
        return this.names.get(username);
    }

    /** The usernames whose display names were asked for and are not known yet (and forgets the asking). */
    takeUnnamed() {
        const wanted = [...this.unnamed].filter(name => !this.names.has(name));
        this.unnamed.clear();
        wanted.forEach(name => this.names.set(name, name)); // asked once; the answer replaces it
        return wanted;
    }

    /** The loaded messages and read positions of a conversation. */
    view(id) {
        if (!this.views.has(id)) {
            this.views.set(id, { messages: new Map(), hasMore: true, loading: false, loaded: false, reads: new Map() });
        }
        return this.views.get(id);
    }

    /**
     * A direct conversation the user is about to start: it has no id until the server stores its first
     * message, so it is keyed by the send target `@username` until then.
     */
    draftDirect(username) {
        const existing = [...this.conversations.values()].find(c => c.kind === 'direct' && c.peer === username);
        if (existing) {
            return existing.id;
        }
        const id = '@' + username;
        this.conversations.set(id, { id, kind: 'direct', peer: username, lastSeq: 0, unread: 0, draft: true });
        return id;
    }

    /** The draft `draftId` became the stored conversation `id` (its first message was acknowledged). */
    settleDraft(draftId, id) {
        const draft = this.conversations.get(draftId);
        if (!draft?.draft) {
            return;
        }
        this.conversations.delete(draftId);
        if (!this.conversations.has(id)) {
            this.conversations.set(id, { id, kind: 'direct', peer: draft.peer, lastSeq: 0, unread: 0 });
        }
        if (this.currentId === draftId) {
            this.currentId = id;
        }
    }

    /** Where a message for this conversation is sent: its id, or `@peer` for a draft. */
    sendTarget(conversation) {
        return conversation.draft ? '@' + conversation.peer : conversation.id;
    }

    /** Whether an unacknowledged send (its `conversation` is the target it was sent to) belongs to the open conversation. */
    isPendingHere(entry) {
        const current = this.current;
        return !!current && (entry.conversation === current.id
            || (current.kind === 'direct' && entry.conversation === '@' + current.peer));
    }

    /**
     * A live message: stored in its view, the conversation's last seq and (when it is not open and not
     * the user's own) unread count moved on. @returns whether the conversation was unknown until now
     */
    receive(message) {
        const unknown = !this.conversations.has(message.conversation);
        if (unknown) {
            this.remember({ id: message.conversation, lastSeq: 0, unread: 0 });
        }
        const conversation = this.conversations.get(message.conversation);
        conversation.lastSeq = Math.max(conversation.lastSeq || 0, message.seq);
        if (message.thread) {
            this.reply(message);
        } else {
            this.view(message.conversation).messages.set(message.seq, message);
        }
        if (message.conversation !== this.currentId && message.sender !== this.me.username) {
            conversation.unread = (conversation.unread || 0) + 1;
        }
        return unknown;
    }

    /**
     * A change (edit, deletion, reaction) to a message: applied as a fact (set the text, empty the
     * message, add or remove the user from the emoji's set), so a message loaded from history after
     * the change and the change itself agree. @returns the changed message, if it is loaded
     */
    applyChange(change) {
        const conversation = this.conversations.get(change.conversation);
        if (conversation) {
            conversation.lastSeq = Math.max(conversation.lastSeq || 0, change.seq);
        }
        const message = this.find(change.conversation, change.messageSeq);
        if (!message) {
            return null;
        }
        const reactions = new Map((message.reactions || []).map(r => [r.emoji, [...r.users]]));
        switch (change.kind) {
            case 'message.edited':
                if (typeof change.text === 'string') {
                    message.text = change.text;
                }
                message.editedAt = change.at;
                break;
            case 'message.deleted':
                message.deleted = true;
                message.text = '';
                message.attachments = [];
                reactions.clear();
                break;
            case 'reaction.added': {
                const users = reactions.get(change.emoji) || [];
                if (!users.includes(change.user)) {
                    reactions.set(change.emoji, [...users, change.user]);
                }
                break;
            }
            case 'reaction.removed': {
                const users = (reactions.get(change.emoji) || []).filter(user => user !== change.user);
                if (users.length) {
                    reactions.set(change.emoji, users);
                } else {
                    reactions.delete(change.emoji);
                }
                break;
            }
            default:
                return null;
        }
        message.reactions = [...reactions].map(([emoji, users]) => ({ emoji, count: users.length, users }));
        return message;
    }

    /** The user's newest message in the open conversation that can still be edited. */
    lastOwnMessage() {
        return [...this.view(this.currentId).messages.values()]
            .filter(message => message.sender === this.me.username && !message.deleted)
            .sort((a, b) => b.seq - a.seq)[0];
    }

    /** A page of history (of the top level, or of one thread's replies); @returns the view */
    page(conversation, messages, hasMore, thread) {
        const view = thread ? this.thread(conversation, thread) : this.view(conversation);
        view.loading = false;
        view.hasMore = hasMore;
        messages.forEach(message => message.thread ? this.reply(message) : view.messages.set(message.seq, message));
        return view;
    }

    /** The loaded replies of the thread of the message at `root`. */
    thread(conversation, root) {
        const key = conversation + '\n' + root;
        if (!this.threads.has(key)) {
            this.threads.set(key, { messages: new Map(), hasMore: true, loading: false, loaded: false });
        }
        return this.threads.get(key);
    }

    /**
     * A reply: kept with its thread, and the thread's first message (if loaded) counts it. The count is
     * the largest `threadIndex` seen, so a reply read twice, or before or after its thread's first
     * message, counts once.
     */
    reply(message) {
        this.thread(message.conversation, message.thread).messages.set(message.seq, message);
        const root = this.view(message.conversation).messages.get(message.thread);
        if (root) {
            root.replies = Math.max(root.replies || 0, message.threadIndex || 0);
            if (!root.lastReplyAt || root.lastReplyAt < message.sentAt) {
                root.lastReplyAt = message.sentAt;
            }
        }
        return root;
    }

    /** A message of a conversation, top level or reply. */
    find(conversation, seq) {
        const top = this.view(conversation).messages.get(seq);
        if (top) {
            return top;
        }
        for (const [key, thread] of this.threads) {
            if (key.startsWith(conversation + '\n') && thread.messages.has(seq)) {
                return thread.messages.get(seq);
            }
        }
        return undefined;
    }

    /** Someone read up to `seq` (positions never move back). */
    read(conversation, user, seq) {
        const reads = this.view(conversation).reads;
        reads.set(user, Math.max(reads.get(user) || 0, seq));
    }

    /** The newest seq loaded in a conversation, replies included (what reading it marks read). */
    newestSeq(id) {
        let newest = Math.max(0, ...this.view(id).messages.keys());
        for (const [key, thread] of this.threads) {
            if (key.startsWith(id + '\n')) {
                newest = Math.max(newest, ...thread.messages.keys());
            }
        }
        return newest;
    }

    oldestSeq(id) {
        return Math.min(...this.view(id).messages.keys());
    }

    /** Who (other than the user) has read up to `seq` in the open conversation, sorted. */
    readersOf(seq) {
        return [...this.view(this.currentId).reads.entries()]
            .filter(([user, read]) => user !== this.me.username && read >= seq).map(([user]) => user).sort();
    }

    setOnline(user, online) {
        if (online) {
            this.online.add(user);
        } else {
            this.online.delete(user);
        }
    }

    /** The peers of the user's direct conversations. */
    peers() {
        return [...new Set([...this.conversations.values()].filter(c => c.kind === 'direct' && c.peer).map(c => c.peer))];
    }
}
