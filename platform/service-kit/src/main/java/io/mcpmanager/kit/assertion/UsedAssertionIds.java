package io.mcpmanager.kit.assertion;

import java.time.Instant;

/** The {@code jti} of every assertion accepted and not yet expired: each is accepted once. */
@FunctionalInterface
public interface UsedAssertionIds {

  /** Records the id; false when it was recorded before (a replay). */
  boolean claim(String issuer, String jti, Instant expiresAt);
}
