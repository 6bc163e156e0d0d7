/**
 * JSON in and out: one shared {@link dev.parley.platform.json.JsonCodec} (JSON-P provider and JSON-B
 * instance created once, for the hot path) and {@link dev.parley.platform.json.JsonFields}, the typed
 * field reads that turn a wrong type into a {@code bad_request} naming the field.
 */
package dev.parley.platform.json;
