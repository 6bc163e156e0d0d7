/**
 * Chat use cases: rooms and direct conversations ({@link dev.parley.chat.control.ConversationService}),
 * sending ({@link dev.parley.chat.control.MessageSender}: checked, queued to the writer of its
 * conversation, committed in a batch with whatever else queued, then acknowledged and published),
 * edits, deletions and reactions ({@link dev.parley.chat.control.MessageChanges}: each a change at the
 * conversation's next seq, delivered like a message), history and resume
 * ({@link dev.parley.chat.control.MessageService} over {@link dev.parley.chat.control.MessageStore},
 * which replays messages and changes in seq order), read positions (batched by
 * {@link dev.parley.chat.control.ReadMarks}), attachments, and the after-commit fan-out of chat events
 * to the delivery port. Presence ({@link dev.parley.chat.control.ChatPresence}) is announced in netted
 * batches to those who share a conversation of at most {@code PARLEY_PRESENCE_ROOM_LIMIT} members, and
 * to sockets that asked for the user ({@link dev.parley.chat.control.PresenceWatches}). Each chat socket's state lives here too: the
 * {@link dev.parley.chat.control.ConversationIndex} of who receives what, each socket's
 * {@link dev.parley.chat.control.Subscriber} (exactly once, in seq order, across resumes; a new member
 * starts after the seq they joined at), and
 * {@link dev.parley.chat.control.GapRepair}; {@link dev.parley.chat.control.ChatReceiver} takes this
 * node's conversation envelopes.
 */
package dev.parley.chat.control;
