package io.mcpmanager.git.connection;

import java.util.UUID;

/**
 * A connection about to be disconnected: its access token's ciphertext is what the provider
 * revokes.
 */
public record RevocableConnection(
    UUID id, String ownerId, String provider, String accessTokenEnc, String tokenHint) {

  static RevocableConnection of(GitConnection c) {
    return new RevocableConnection(
        c.id(), c.ownerId(), c.provider(), c.accessTokenEnc(), c.tokenHint());
  }

  @Override
  public String toString() {
    return "RevocableConnection[id=" + id + ", provider=" + provider + ", hint=" + tokenHint + "]";
  }
}
