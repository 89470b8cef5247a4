package io.mcpmanager.auth.key;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One RSA signing key: the public half as a JWK, the private half only as Vault Transit ciphertext.
 * The key id ({@code kid}) is its primary key: tokens name the key that signed them.
 */
@Entity
@Table(name = "signing_key")
class SigningKey {

  @Id private String kid;

  @Column(name = "public_jwk")
  private String publicJwk;

  /** Written once; only the rewrap job replaces it (compare-and-set), never a stale entity. */
  @Column(name = "private_jwk_ciphertext", updatable = false)
  private String privateJwkCiphertext;

  @Column(name = "created_at")
  private Instant createdAt;

  /** Null while the key is active. */
  @Column(name = "retired_at")
  private @Nullable Instant retiredAt;

  /** Null while the key is active. */
  @Column(name = "remove_after")
  private @Nullable Instant removeAfter;

  protected SigningKey() {}

  static SigningKey create(String kid, String publicJwk, String privateJwkCiphertext, Instant now) {
    SigningKey key = new SigningKey();
    key.kid = kid;
    key.publicJwk = publicJwk;
    key.privateJwkCiphertext = privateJwkCiphertext;
    key.createdAt = now;
    return key;
  }

  /** Stops signing with this key; it stays published for verification until {@code removeAfter}. */
  void retire(Instant now, Instant removeAfter) {
    this.retiredAt = now;
    this.removeAfter = removeAfter;
  }

  boolean active() {
    return retiredAt == null;
  }

  String kid() {
    return kid;
  }

  String publicJwk() {
    return publicJwk;
  }

  String privateJwkCiphertext() {
    return privateJwkCiphertext;
  }

  Instant createdAt() {
    return createdAt;
  }

  @Nullable Instant retiredAt() {
    return retiredAt;
  }

  @Nullable Instant removeAfter() {
    return removeAfter;
  }
}
