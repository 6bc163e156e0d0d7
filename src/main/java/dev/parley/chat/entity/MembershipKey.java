package dev.parley.chat.entity;

import java.io.Serializable;

/** The primary key of a {@link Membership}: conversation and user. */
public record MembershipKey(String conversationId, String username) implements Serializable {
}
