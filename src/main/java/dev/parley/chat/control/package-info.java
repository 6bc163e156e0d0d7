/**
 * Chat use cases: rooms and direct conversations ({@link dev.parley.chat.control.ConversationService}),
 * sending, history and resume ({@link dev.parley.chat.control.MessageService} over
 * {@link dev.parley.chat.control.MessageStore}), attachments, and the after-commit fan-out of chat events
 * and presence to the delivery port.
 */
package dev.parley.chat.control;
