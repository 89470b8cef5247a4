package io.mcpmanager.git.connection;

import io.mcpmanager.git.provider.GitProfile;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One OAuth-connected account at a Git provider. Tokens are held as Vault Transit ciphertext only.
 */
@Entity
@Table(name = "git_connection")
public class GitConnection {

  @Id private UUID id;
  private String ownerId;
  private String provider;
  private String externalUserId;
  private @Nullable String username;
  private @Nullable String email;
  private @Nullable String avatarUrl;

  @Column(name = "access_token_enc")
  private String accessTokenEnc;

  @Column(name = "refresh_token_enc")
  private @Nullable String refreshTokenEnc;

  private String tokenHint;
  private String scopes;
  private @Nullable Instant expiresAt;
  private @Nullable Instant refreshTokenExpiresAt;
  private ConnectionStatus status;
  private @Nullable StatusReason statusReason;
  private boolean requiresReauth;
  private int refreshFailures;
  private @Nullable Instant nextRefreshAttemptAt;
  private @Nullable Instant lastRefreshedAt;
  private Instant connectedAt;
  private Instant updatedAt;
  @Version private long version;

  protected GitConnection() {}

  public static GitConnection connect(
      String ownerId,
      String provider,
      GitProfile profile,
      EncryptedTokens tokens,
      List<String> scopes,
      @Nullable Instant expiresAt,
      @Nullable Instant refreshTokenExpiresAt,
      Instant now) {
    GitConnection c = new GitConnection();
    c.id = UUID.randomUUID();
    c.ownerId = ownerId;
    c.provider = provider;
    c.externalUserId = profile.externalUserId();
    c.connectedAt = now;
    c.reconnect(profile, tokens, scopes, expiresAt, refreshTokenExpiresAt, now);
    return c;
  }

  /** The same account authorized again: new tokens, fresh profile, healthy status. */
  public void reconnect(
      GitProfile profile,
      EncryptedTokens tokens,
      List<String> scopes,
      @Nullable Instant expiresAt,
      @Nullable Instant refreshTokenExpiresAt,
      Instant now) {
    this.username = profile.username();
    this.email = profile.email();
    this.avatarUrl = profile.avatarUrl();
    this.accessTokenEnc = tokens.accessTokenEnc();
    this.refreshTokenEnc = tokens.refreshTokenEnc();
    this.tokenHint = tokens.hint();
    this.scopes = String.join(" ", scopes);
    this.expiresAt = expiresAt;
    this.refreshTokenExpiresAt = refreshTokenExpiresAt;
    this.status = ConnectionStatus.ACTIVE;
    this.statusReason = null;
    this.requiresReauth = false;
    this.refreshFailures = 0;
    this.nextRefreshAttemptAt = null;
    this.updatedAt = now;
  }

  /**
   * A successful refresh; a rotated refresh token replaces the old one in the same write. Refused
   * when the connection cannot be refreshed (no refresh token, or only a new authorization helps).
   */
  public void refreshed(
      EncryptedTokens tokens,
      List<String> grantedScopes,
      @Nullable Instant expiresAt,
      @Nullable Instant refreshTokenExpiresAt,
      Instant now) {
    requireRefreshable();
    this.accessTokenEnc = tokens.accessTokenEnc();
    if (tokens.refreshTokenEnc() != null) {
      this.refreshTokenEnc = tokens.refreshTokenEnc();
      this.refreshTokenExpiresAt = refreshTokenExpiresAt;
    }
    this.tokenHint = tokens.hint();
    if (!grantedScopes.isEmpty()) {
      this.scopes = String.join(" ", grantedScopes);
    }
    this.expiresAt = expiresAt;
    this.status = ConnectionStatus.ACTIVE;
    this.statusReason = null;
    this.refreshFailures = 0;
    this.nextRefreshAttemptAt = null;
    this.lastRefreshedAt = now;
    this.updatedAt = now;
  }

  /** Only a new authorization helps now. */
  public void markExpired(StatusReason reason, Instant now) {
    this.status = ConnectionStatus.EXPIRED;
    this.statusReason = reason;
    this.requiresReauth = true;
    this.nextRefreshAttemptAt = null;
    this.updatedAt = now;
  }

  /**
   * A transient refresh failure: the status turns to error only after {@code threshold} in a row.
   * Refused, like {@link #refreshed}, for a connection that cannot be refreshed.
   */
  public void recordRefreshFailure(int threshold, Duration backoff, Instant now) {
    requireRefreshable();
    this.refreshFailures++;
    this.nextRefreshAttemptAt = now.plus(backoff);
    if (refreshFailures >= threshold) {
      this.status = ConnectionStatus.ERROR;
      this.statusReason = StatusReason.PROVIDER_UNAVAILABLE;
    }
    this.updatedAt = now;
  }

  public boolean isRefreshable() {
    return refreshTokenEnc != null && !requiresReauth;
  }

  private void requireRefreshable() {
    if (!isRefreshable()) {
      throw new IllegalStateException(
          "git connection "
              + id
              + " cannot be refreshed: "
              + (requiresReauth ? "it needs a new authorization" : "it has no refresh token"));
    }
  }

  /** True when the access token expires before {@code horizon} and a refresh token can renew it. */
  public boolean needsRefreshBefore(Instant horizon) {
    return isRefreshable() && expiresAt != null && expiresAt.isBefore(horizon);
  }

  public boolean isAccessTokenExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  public boolean expiresSoon(Instant now, Duration window) {
    return expiresAt != null && expiresAt.isBefore(now.plus(window));
  }

  public UUID id() {
    return id;
  }

  public String ownerId() {
    return ownerId;
  }

  public String provider() {
    return provider;
  }

  public String externalUserId() {
    return externalUserId;
  }

  public @Nullable String username() {
    return username;
  }

  public @Nullable String email() {
    return email;
  }

  public @Nullable String avatarUrl() {
    return avatarUrl;
  }

  public String accessTokenEnc() {
    return accessTokenEnc;
  }

  public @Nullable String refreshTokenEnc() {
    return refreshTokenEnc;
  }

  public String tokenHint() {
    return tokenHint;
  }

  public List<String> scopes() {
    return scopes == null || scopes.isBlank() ? List.of() : List.of(scopes.split(" "));
  }

  public @Nullable Instant expiresAt() {
    return expiresAt;
  }

  public ConnectionStatus status() {
    return status;
  }

  public @Nullable StatusReason statusReason() {
    return statusReason;
  }

  public boolean requiresReauth() {
    return requiresReauth;
  }

  public int refreshFailures() {
    return refreshFailures;
  }

  public @Nullable Instant nextRefreshAttemptAt() {
    return nextRefreshAttemptAt;
  }

  public @Nullable Instant lastRefreshedAt() {
    return lastRefreshedAt;
  }

  public Instant connectedAt() {
    return connectedAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public long version() {
    return version;
  }
}
