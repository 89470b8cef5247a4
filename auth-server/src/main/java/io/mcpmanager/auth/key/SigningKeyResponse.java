package io.mcpmanager.auth.key;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A signing key as the admin API shows it: never its private half. */
public record SigningKeyResponse(
    String kid,
    boolean active,
    Instant createdAt,
    @Nullable Instant retiredAt,
    @Nullable Instant removeAfter) {

  static SigningKeyResponse from(SigningKey key) {
    return new SigningKeyResponse(
        key.kid(), key.active(), key.createdAt(), key.retiredAt(), key.removeAfter());
  }
}
