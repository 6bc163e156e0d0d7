/**
 * The chat domain: {@link dev.parley.chat.entity.Conversation} (which owns its gap-free message sequence
 * and the room policy: who may join, add, remove and see),
 * {@link dev.parley.chat.entity.Membership} (with the read position), {@link dev.parley.chat.entity.Message},
 * attachments and the {@link dev.parley.chat.entity.ConversationId} value object. Entities keep their own
 * invariants and know nothing of sockets or HTTP.
 */
package dev.parley.chat.entity;
