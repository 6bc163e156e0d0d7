/**
 * The {@code /chat} edge: the WebSocket endpoint, a thin adapter, and {@link dev.parley.chat.boundary.ChatProtocol},
 * which decodes client frames by type. Conversations, messages and history build on this.
 */
package dev.parley.chat.boundary;
