/**
 * Chat use cases: rooms and direct conversations ({@link dev.parley.chat.control.ConversationService}),
 * sending ({@link dev.parley.chat.control.MessageSender}: checked, queued to the writer of its
 * conversation, committed in a batch with whatever else queued, then acknowledged and published),
 * history and resume ({@link dev.parley.chat.control.MessageService} over
 * {@link dev.parley.chat.control.MessageStore}), read positions (batched by
 * {@link dev.parley.chat.control.ReadMarks}), attachments, and the after-commit fan-out of chat events
 * and presence to the delivery port. Each chat socket's state lives here too: the
 * {@link dev.parley.chat.control.ConversationIndex} of who receives what, each socket's
 * {@link dev.parley.chat.control.Subscriber} (exactly once, in seq order, across resumes; a new member
 * starts after the seq they joined at), and
 * {@link dev.parley.chat.control.GapRepair}; {@link dev.parley.chat.control.ChatReceiver} takes this
 * node's conversation envelopes.
 */
package dev.parley.chat.control;
