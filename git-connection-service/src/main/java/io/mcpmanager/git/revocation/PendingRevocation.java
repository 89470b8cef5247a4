package io.mcpmanager.git.revocation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A disconnect whose remote revocation failed; the token ciphertext lives only until it succeeds.
 */
@Entity
@Table(name = "pending_revocation")
class PendingRevocation {

  @Id private UUID id;
  private UUID connectionId;
  private String ownerId;
  private String provider;

  /** Written once; only the rewrap job replaces it (compare-and-set), never a stale entity. */
  @Column(updatable = false)
  private String accessTokenEnc;

  private int attempts;
  private @Nullable String lastError;
  private Instant nextAttemptAt;
  private Instant createdAt;

  protected PendingRevocation() {}

  static PendingRevocation of(
      UUID connectionId,
      String ownerId,
      String provider,
      String accessTokenEnc,
      String error,
      Instant nextAttemptAt,
      Instant now) {
    PendingRevocation p = new PendingRevocation();
    p.id = UUID.randomUUID();
    p.connectionId = connectionId;
    p.ownerId = ownerId;
    p.provider = provider;
    p.accessTokenEnc = accessTokenEnc;
    p.attempts = 1;
    p.lastError = truncate(error);
    p.nextAttemptAt = nextAttemptAt;
    p.createdAt = now;
    return p;
  }

  /**
   * Taken by a retry run: not due for other runs until {@code until}, unless the run records an
   * outcome first.
   */
  void claimUntil(Instant until) {
    nextAttemptAt = until;
  }

  void failedAgain(String error, Duration backoff, Instant now) {
    attempts++;
    lastError = truncate(error);
    nextAttemptAt = now.plus(backoff);
  }

  private static String truncate(String s) {
    return s.length() <= 255 ? s : s.substring(0, 255);
  }

  UUID id() {
    return id;
  }

  UUID connectionId() {
    return connectionId;
  }

  String ownerId() {
    return ownerId;
  }

  String provider() {
    return provider;
  }

  String accessTokenEnc() {
    return accessTokenEnc;
  }

  int attempts() {
    return attempts;
  }
}
