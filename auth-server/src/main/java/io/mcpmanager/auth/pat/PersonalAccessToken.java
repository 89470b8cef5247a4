package io.mcpmanager.auth.pat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A personal access token of one user: a name, scopes, an expiry and optionally the networks it may
 * be used from. Only a keyed hash of its secret is kept; the secret itself is shown once.
 */
@Entity
@Table(name = "personal_access_token")
class PersonalAccessToken {

  @Id private UUID id;

  @Column(name = "owner_id")
  private UUID ownerId;

  private String name;

  @Column(name = "secret_hash")
  private String secretHash;

  @Column(name = "secret_hint")
  private String secretHint;

  @JdbcTypeCode(SqlTypes.ARRAY)
  private List<String> scopes = new ArrayList<>();

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "allowed_cidrs")
  private List<String> allowedCidrs = new ArrayList<>();

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "issued_at")
  private Instant issuedAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "last_used_at")
  private @Nullable Instant lastUsedAt;

  @Column(name = "last_used_ip")
  private @Nullable String lastUsedIp;

  @Column(name = "last_used_user_agent")
  private @Nullable String lastUsedUserAgent;

  @Version private long version;

  protected PersonalAccessToken() {}

  static PersonalAccessToken issue(
      UUID ownerId,
      String name,
      List<String> scopes,
      List<String> allowedCidrs,
      String secretHash,
      String secretHint,
      Instant now,
      Duration lifetime) {
    PersonalAccessToken token = new PersonalAccessToken();
    token.id = UUID.randomUUID();
    token.ownerId = ownerId;
    token.name = name;
    token.scopes = new ArrayList<>(scopes);
    token.allowedCidrs = new ArrayList<>(allowedCidrs);
    token.secretHash = secretHash;
    token.secretHint = secretHint;
    token.createdAt = now;
    token.issuedAt = now;
    token.expiresAt = now.plus(lifetime);
    return token;
  }

  /** A new secret with the same lifetime from now; the old secret stops matching at once. */
  void regenerate(String newHash, String newHint, Instant now) {
    Duration lifetime = Duration.between(issuedAt, expiresAt);
    secretHash = newHash;
    secretHint = newHint;
    issuedAt = now;
    expiresAt = now.plus(lifetime);
  }

  /** Adds what the gateway saw since its last report; an older report never wins. */
  void recordUse(Instant at, @Nullable String ip, @Nullable String userAgent) {
    if (lastUsedAt == null || at.isAfter(lastUsedAt)) {
      lastUsedAt = at;
      lastUsedIp = ip;
      lastUsedUserAgent = userAgent;
    }
  }

  boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Neither used nor created within {@code window}: a candidate for deletion. */
  boolean isUnusedFor(Duration window, Instant now) {
    Instant last = lastUsedAt != null ? lastUsedAt : createdAt;
    return last.isBefore(now.minus(window));
  }

  UUID id() {
    return id;
  }

  UUID ownerId() {
    return ownerId;
  }

  String name() {
    return name;
  }

  String secretHash() {
    return secretHash;
  }

  String secretHint() {
    return secretHint;
  }

  List<String> scopes() {
    return List.copyOf(scopes);
  }

  List<String> allowedCidrs() {
    return List.copyOf(allowedCidrs);
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  @Nullable Instant lastUsedAt() {
    return lastUsedAt;
  }

  @Nullable String lastUsedIp() {
    return lastUsedIp;
  }

  @Nullable String lastUsedUserAgent() {
    return lastUsedUserAgent;
  }
}
