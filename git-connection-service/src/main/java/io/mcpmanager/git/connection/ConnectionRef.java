package io.mcpmanager.git.connection;

import java.util.UUID;

/** Which connection, whose and at which provider: what another feature needs to act on one. */
public record ConnectionRef(UUID id, String ownerId, String provider) {

  static ConnectionRef of(GitConnection c) {
    return new ConnectionRef(c.id(), c.ownerId(), c.provider());
  }
}
