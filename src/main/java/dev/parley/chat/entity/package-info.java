/**
 * The chat domain: {@link dev.parley.chat.entity.Conversation} (which owns its gap-free message sequence
 * and the room policy: who may join, add, remove and see),
 * {@link dev.parley.chat.entity.Membership} (with the read position), {@link dev.parley.chat.entity.Message}
 * (editable by its author, deleted into a tombstone), {@link dev.parley.chat.entity.MessageChange} (an
 * edit, deletion or reaction at its own seq), {@link dev.parley.chat.entity.Reaction} with the
 * {@link dev.parley.chat.entity.Emoji} it may be, attachments and the {@link dev.parley.chat.entity.ConversationId} value object. Entities keep their own
 * invariants and know nothing of sockets or HTTP.
 */
package dev.parley.chat.entity;
