package io.mcpmanager.git.connection;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a connection's current access token grants; {@code expiresAt} is absent for tokens that do
 * not expire.
 */
public record ConnectionGrant(String provider, @Nullable Instant expiresAt, List<String> scopes) {

  static ConnectionGrant of(GitConnection c) {
    return new ConnectionGrant(c.provider(), c.expiresAt(), c.scopes());
  }
}
