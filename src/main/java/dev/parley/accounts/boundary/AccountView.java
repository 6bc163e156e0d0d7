package dev.parley.accounts.boundary;

import dev.parley.accounts.entity.Account;
import dev.parley.accounts.entity.Role;
import java.util.List;

/** An account as the API shows it: never the password hash or throttle state. */
public record AccountView(String username, String displayName, List<String> roles) {

    static AccountView of(Account account) {
        return new AccountView(account.username(), account.displayName(),
                account.roles().stream().sorted().map(Role::wireName).toList());
    }
}
