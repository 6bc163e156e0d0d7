/**
 * The chat edge: the {@code /chat} WebSocket endpoint and its fallback stream {@code /stream/chat} (thin
 * adapters), {@link dev.parley.chat.boundary.ChatProtocol}
 * with its one switch over frame types, the request decoders, and the REST resources for conversations,
 * rooms, attachments and the reaction emoji. Nothing here decides a rule; it decodes, calls one control bean and replies.
 */
package dev.parley.chat.boundary;
