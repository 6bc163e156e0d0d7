package dev.parley.accounts.entity;

import dev.parley.platform.error.ParleyException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What an account may do: everyone is a {@code user}; {@code publisher} and {@code admin} are granted. */
public enum Role {
    USER, PUBLISHER, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw ParleyException.badRequest("unknown role '" + name + "' (known: user, publisher, admin)");
    }

    /** Stored as a comma-separated list in one column. */
    public static String encode(Set<Role> roles) {
        return roles.stream().sorted().map(Role::wireName).collect(Collectors.joining(","));
    }

    public static Set<Role> decode(String column) {
        EnumSet<Role> roles = EnumSet.of(USER);
        if (column != null && !column.isBlank()) {
            for (String name : column.split(",")) {
                roles.add(fromWire(name.trim()));
            }
        }
        return roles;
    }
}
