/**
 * JSON in and out: one shared {@link dev.parley.platform.json.JsonCodec} (JSON-P provider and JSON-B
 * instance created once, for the hot path; every parser failure a {@code bad_request}),
 * {@link dev.parley.platform.json.JsonFields}, the typed field reads that turn a wrong type or an
 * out-of-range number into a {@code bad_request} naming the field, and
 * {@link dev.parley.platform.json.WellFormedText}, the rule that text is valid Unicode without NUL.
 */
package dev.parley.platform.json;
