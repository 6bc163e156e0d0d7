package dev.parley.cluster.control;

/** A node stopped heartbeating (killed): what it held on behalf of its users must be withdrawn. */
public record NodeSilent(String node) {
}
