package io.mcpmanager.integration.account;

import io.mcpmanager.integration.catalog.AuthMethod;
import io.mcpmanager.integration.catalog.IntegrationType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.jspecify.annotations.Nullable;

/**
 * A user's credential for one integration type. The secret columns hold Vault Transit ciphertext
 * only; the hint ({@code …a1b2}) is what users see. A deleted account stays as a tombstone (status
 * revoked, no ciphertext) for the audit.
 */
@Entity
@DynamicUpdate
@Table(name = "integration_account")
public class IntegrationAccount {

  @Id private UUID id;
  private String ownerId;

  @Convert(converter = IntegrationTypeConverter.class)
  private IntegrationType type;

  @Enumerated(EnumType.STRING)
  private AuthMethod authMethod;

  private @Nullable String credentialCiphertext;
  private @Nullable String refreshTokenCiphertext;
  private @Nullable String credentialHint;
  private int credentialVersion;
  private Instant credentialCreatedAt;
  private @Nullable String previousCredentialCiphertext;
  private @Nullable String previousCredentialHint;
  private @Nullable Instant previousCredentialUntil;

  @Convert(converter = MetaConverter.class)
  @Column(columnDefinition = "text")
  private Map<String, String> meta;

  @Enumerated(EnumType.STRING)
  private IntegrationStatus status;

  @Enumerated(EnumType.STRING)
  private @Nullable StatusReason statusReason;

  private @Nullable Instant lastValidatedAt;
  private @Nullable Instant lastUsedAt;
  private @Nullable Instant expiresAt;
  private @Nullable String scopes;
  private @Nullable Instant nextValidationAt;
  private int refreshFailures;
  private @Nullable Instant nextRefreshAt;
  private @Nullable Instant expiryWarnedAt;
  private @Nullable Instant revokedAt;
  private Instant createdAt;
  private Instant updatedAt;
  @Version private long version;

  protected IntegrationAccount() {}

  /** A pasted API token, already checked (or stored anyway, then in error). */
  public static IntegrationAccount withApiToken(
      String ownerId,
      IntegrationType type,
      String ciphertext,
      String hint,
      Map<String, String> meta,
      Instant now,
      @Nullable StatusReason failure) {
    IntegrationAccount account =
        create(ownerId, type, AuthMethod.API_TOKEN, ciphertext, hint, meta, now);
    account.status = failure == null ? IntegrationStatus.ACTIVE : IntegrationStatus.ERROR;
    account.statusReason = failure;
    account.lastValidatedAt = now;
    return account;
  }

  /** Tokens from an OAuth authorization-code exchange. */
  public static IntegrationAccount withOAuth(
      String ownerId,
      IntegrationType type,
      String accessCiphertext,
      @Nullable String refreshCiphertext,
      String hint,
      @Nullable Instant expiresAt,
      @Nullable String scopes,
      Instant now) {
    IntegrationAccount account =
        create(ownerId, type, AuthMethod.OAUTH, accessCiphertext, hint, Map.of(), now);
    account.refreshTokenCiphertext = refreshCiphertext;
    account.expiresAt = expiresAt;
    account.scopes = scopes;
    account.status = IntegrationStatus.ACTIVE;
    return account;
  }

  private static IntegrationAccount create(
      String ownerId,
      IntegrationType type,
      AuthMethod method,
      String ciphertext,
      String hint,
      Map<String, String> meta,
      Instant now) {
    IntegrationAccount account = new IntegrationAccount();
    account.id = UUID.randomUUID();
    account.ownerId = ownerId;
    account.type = type;
    account.authMethod = method;
    account.credentialCiphertext = ciphertext;
    account.credentialHint = hint;
    account.credentialVersion = 1;
    account.credentialCreatedAt = now;
    account.meta = Map.copyOf(meta);
    account.createdAt = now;
    account.updatedAt = now;
    account.nextValidationAt = now;
    return account;
  }

  /**
   * A new credential replaces the current one, which is kept (encrypted) until {@code graceUntil}
   * for a rollback. Status follows the new credential's validation.
   */
  public void rotate(
      String ciphertext,
      String hint,
      Instant now,
      Instant graceUntil,
      @Nullable StatusReason failure) {
    previousCredentialCiphertext = credentialCiphertext;
    previousCredentialHint = credentialHint;
    previousCredentialUntil = graceUntil;
    credentialCiphertext = ciphertext;
    credentialHint = hint;
    credentialVersion++;
    credentialCreatedAt = now;
    expiryWarnedAt = null;
    applyValidation(failure, now);
    touch(now);
  }

  /** Restores the previous credential; the replaced one is destroyed (no second rollback). */
  public void rollback(Instant now) {
    if (!canRollBack(now)) {
      throw NothingToRollBackException.forId(id);
    }
    credentialCiphertext = previousCredentialCiphertext;
    credentialHint = previousCredentialHint;
    credentialVersion++;
    credentialCreatedAt = now;
    destroyPreviousCredential();
    status = IntegrationStatus.ACTIVE;
    statusReason = null;
    nextValidationAt = now;
    touch(now);
  }

  public boolean canRollBack(Instant now) {
    return previousCredentialCiphertext != null
        && previousCredentialUntil != null
        && previousCredentialUntil.isAfter(now);
  }

  private void destroyPreviousCredential() {
    previousCredentialCiphertext = null;
    previousCredentialHint = null;
    previousCredentialUntil = null;
  }

  /** The user went through OAuth again: new tokens replace the old ones, status active. */
  public void reconnect(
      String accessCiphertext,
      @Nullable String refreshCiphertext,
      String hint,
      @Nullable Instant tokenExpiresAt,
      @Nullable String grantedScopes,
      Instant now) {
    credentialCiphertext = accessCiphertext;
    refreshTokenCiphertext = refreshCiphertext;
    credentialHint = hint;
    expiresAt = tokenExpiresAt;
    scopes = grantedScopes;
    credentialVersion++;
    credentialCreatedAt = now;
    refreshFailures = 0;
    nextRefreshAt = null;
    status = IntegrationStatus.ACTIVE;
    statusReason = null;
    nextValidationAt = now;
    touch(now);
  }

  public void scheduleValidation(Instant at) {
    nextValidationAt = at;
  }

  public void changeMeta(Map<String, String> newMeta, Instant now) {
    meta = Map.copyOf(newMeta);
    touch(now);
  }

  /**
   * Records a live check. Valid → active; rejected → error with the reason; inconclusive (rate
   * limit, outage) leaves a good credential as it is.
   */
  public void recordValidation(
      @Nullable StatusReason failure, boolean conclusive, Instant now, Instant nextCheck) {
    if (conclusive) {
      applyValidation(failure, now);
    }
    nextValidationAt = nextCheck;
    touch(now);
  }

  private void applyValidation(@Nullable StatusReason failure, Instant now) {
    lastValidatedAt = now;
    if (failure == null) {
      if (status != IntegrationStatus.INACTIVE) {
        status = IntegrationStatus.ACTIVE;
      }
      statusReason = null;
    } else {
      status = IntegrationStatus.ERROR;
      statusReason = failure;
    }
  }

  public void deactivate(Instant now) {
    status = IntegrationStatus.INACTIVE;
    statusReason = StatusReason.DEACTIVATED_BY_USER;
    touch(now);
  }

  /** Back to active; a fresh validation follows. */
  public void activate(Instant now) {
    status = IntegrationStatus.ACTIVE;
    statusReason = null;
    nextValidationAt = now;
    touch(now);
  }

  /** Delete = revoke: the ciphertexts are destroyed, the row stays as a tombstone. */
  public void revoke(Instant now) {
    credentialCiphertext = null;
    refreshTokenCiphertext = null;
    destroyPreviousCredential();
    status = IntegrationStatus.REVOKED;
    statusReason = StatusReason.REVOKED_BY_USER;
    revokedAt = now;
    touch(now);
  }

  /**
   * A successful OAuth refresh: the new access token, and a rotated refresh token when the provider
   * sent one. Failures counted so far are forgotten; an account in error because the provider was
   * down is active again.
   *
   * @throws IllegalStateException the account cannot be refreshed (see {@link #isRefreshable()})
   */
  public void refreshed(
      String accessCiphertext,
      @Nullable String rotatedRefreshCiphertext,
      String hint,
      @Nullable Instant tokenExpiresAt,
      @Nullable String grantedScopes,
      Instant now) {
    requireRefreshable("refreshed");
    credentialCiphertext = accessCiphertext;
    if (rotatedRefreshCiphertext != null) {
      refreshTokenCiphertext = rotatedRefreshCiphertext;
    }
    if (grantedScopes != null) {
      scopes = grantedScopes;
    }
    credentialHint = hint;
    expiresAt = tokenExpiresAt;
    refreshFailures = 0;
    nextRefreshAt = null;
    status = IntegrationStatus.ACTIVE;
    statusReason = null;
    touch(now);
  }

  /**
   * The provider could not be reached: the next attempt waits {@code backoff}, doubled per failure
   * in a row; at {@code threshold} failures the account turns to error (provider unavailable).
   *
   * @throws IllegalStateException the account cannot be refreshed (see {@link #isRefreshable()})
   */
  public void recordRefreshFailure(int threshold, Duration backoff, Instant now) {
    requireRefreshable("recordRefreshFailure");
    refreshFailures++;
    nextRefreshAt = now.plus(backoff.multipliedBy(1L << Math.min(refreshFailures - 1, 10)));
    if (refreshFailures >= threshold) {
      status = IntegrationStatus.ERROR;
      statusReason = StatusReason.PROVIDER_UNAVAILABLE;
    }
    touch(now);
  }

  /**
   * Only the user can bring it back now (a new token or a reconnect): the provider refused the
   * refresh token, or the policy's maximum age was reached.
   *
   * @throws IllegalStateException the account is not active or in error
   */
  public void markExpired(StatusReason reason, Instant now) {
    if (status != IntegrationStatus.ACTIVE && status != IntegrationStatus.ERROR) {
      throw new IllegalStateException("a " + status.value() + " integration cannot expire");
    }
    status = IntegrationStatus.EXPIRED;
    statusReason = reason;
    nextRefreshAt = null;
    touch(now);
  }

  /** The expiry warning went out; it goes out once per credential (a rotation re-arms it). */
  public void expiryWarned(Instant now) {
    if (expiryWarnedAt != null) {
      throw new IllegalStateException("the expiry warning was already sent");
    }
    expiryWarnedAt = now;
  }

  /** Destroys the previous credential once its rollback grace is over. */
  public void destroyPreviousCredentialAfterGrace(Instant now) {
    if (previousCredentialUntil == null || previousCredentialUntil.isAfter(now)) {
      throw new IllegalStateException("no previous credential past its grace");
    }
    destroyPreviousCredential();
  }

  /** Active, or in error only because the provider was down: a refresh may bring it back. */
  public boolean isRefreshable() {
    return refreshTokenCiphertext != null
        && (status == IntegrationStatus.ACTIVE
            || (status == IntegrationStatus.ERROR
                && statusReason == StatusReason.PROVIDER_UNAVAILABLE));
  }

  /** The access token expires within {@code within} (or has no known expiry). */
  public boolean expiresWithin(Instant now, Duration within) {
    return expiresAt == null || !expiresAt.isAfter(now.plus(within));
  }

  private void requireRefreshable(String transition) {
    if (!isRefreshable()) {
      throw new IllegalStateException(
          transition
              + " on a "
              + status.value()
              + " integration"
              + (refreshTokenCiphertext == null ? " without a refresh token" : ""));
    }
  }

  public boolean isStale(Instant now, Duration staleAfter) {
    Instant lastActivity = lastUsedAt != null ? lastUsedAt : createdAt;
    return lastActivity.isBefore(now.minus(staleAfter));
  }

  public boolean isUsable() {
    return status == IntegrationStatus.ACTIVE && credentialCiphertext != null;
  }

  public boolean isOAuth() {
    return authMethod == AuthMethod.OAUTH;
  }

  private void touch(Instant now) {
    updatedAt = now;
  }

  public UUID id() {
    return id;
  }

  public String ownerId() {
    return ownerId;
  }

  public IntegrationType type() {
    return type;
  }

  public AuthMethod authMethod() {
    return authMethod;
  }

  public @Nullable String credentialCiphertext() {
    return credentialCiphertext;
  }

  public @Nullable String refreshTokenCiphertext() {
    return refreshTokenCiphertext;
  }

  public @Nullable String credentialHint() {
    return credentialHint;
  }

  public int credentialVersion() {
    return credentialVersion;
  }

  public @Nullable Instant previousCredentialUntil() {
    return previousCredentialUntil;
  }

  public Map<String, String> meta() {
    return meta;
  }

  public IntegrationStatus status() {
    return status;
  }

  public @Nullable StatusReason statusReason() {
    return statusReason;
  }

  public @Nullable Instant lastValidatedAt() {
    return lastValidatedAt;
  }

  public @Nullable Instant lastUsedAt() {
    return lastUsedAt;
  }

  public @Nullable Instant expiresAt() {
    return expiresAt;
  }

  public @Nullable String scopes() {
    return scopes;
  }

  public int refreshFailures() {
    return refreshFailures;
  }

  public @Nullable Instant nextRefreshAt() {
    return nextRefreshAt;
  }

  public Instant credentialCreatedAt() {
    return credentialCreatedAt;
  }

  public @Nullable Instant expiryWarnedAt() {
    return expiryWarnedAt;
  }

  public @Nullable Instant nextValidationAt() {
    return nextValidationAt;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public long version() {
    return version;
  }
}
