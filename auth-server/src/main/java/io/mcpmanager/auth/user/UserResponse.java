package io.mcpmanager.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as the admin API shows it; never the password hash. */
public record UserResponse(
    UUID id,
    String username,
    List<String> roles,
    boolean enabled,
    boolean locked,
    Instant createdAt) {

  static UserResponse from(AppUser user, boolean locked) {
    return new UserResponse(
        user.id(),
        user.username(),
        user.roles().stream().map(Role::name).sorted().toList(),
        user.enabled(),
        locked,
        user.createdAt());
  }
}
