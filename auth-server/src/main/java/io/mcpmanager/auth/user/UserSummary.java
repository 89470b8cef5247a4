package io.mcpmanager.auth.user;

import java.util.Set;
import java.util.UUID;

/** What other features may know of an account: never the password hash. */
public record UserSummary(UUID id, String username, boolean enabled, Set<Role> roles) {

  static UserSummary from(AppUser user) {
    return new UserSummary(user.id(), user.username(), user.enabled(), user.roles());
  }
}
