package io.mcpmanager.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.mcpmanager.auth.config.AuthProperties;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.secrets.SecretCipher;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Persists signing keys. Private keys are encrypted by Vault Transit (the service's derived key,
 * with the fixed context {@value #OWNER}) before they reach PostgreSQL. Creation and rotation take
 * a transaction-scoped advisory lock, so two replicas never create or rotate at the same time.
 */
@Component
class SigningKeyStore {

  static final String OWNER = "auth-server-signing-keys";
  private static final long LOCK_ID = 0x6d63706d6b657973L;

  private final SigningKeyRepository keys;
  private final SecretCipher cipher;
  private final CredentialEvents events;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration retention;
  private final Duration rotationPeriod;

  SigningKeyStore(
      SigningKeyRepository keys,
      SecretCipher cipher,
      CredentialEvents events,
      JdbcClient jdbc,
      Clock clock,
      AuthProperties properties) {
    this.keys = keys;
    this.cipher = cipher;
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
    // A retired key must verify every token it signed: keep it at least one token lifetime longer.
    Duration minimum = properties.accessTokenTtl().plusMinutes(1);
    this.retention =
        properties.keys().retention().compareTo(minimum) < 0
            ? minimum
            : properties.keys().retention();
    this.rotationPeriod = properties.keys().rotationPeriod();
  }

  /**
   * Every published key, newest first. Creates the first key if there is none and replaces the
   * signing key once it is older than the rotation period (whichever replica reloads first does
   * it).
   */
  @Transactional
  public List<SigningKey> loadOrCreate() {
    lock();
    Instant now = clock.instant();
    keys.deleteExpired(now);
    List<SigningKey> active = keys.findByRetiredAtIsNull();
    if (active.isEmpty()) {
      keys.save(newKey(now));
    } else if (active.stream()
        .allMatch(key -> !key.createdAt().plus(rotationPeriod).isAfter(now))) {
      replace(active, now); // the event's actor is the service itself, not a user
    }
    return keys.findAllByOrderByCreatedAtDesc();
  }

  @Transactional(readOnly = true)
  public List<SigningKey> all() {
    return keys.findAllByOrderByCreatedAtDesc();
  }

  /** The new key signs from now on; the old ones stay in the JWKS for the retention period. */
  @Transactional
  public SigningKey rotate() {
    lock();
    return replace(keys.findByRetiredAtIsNull(), clock.instant());
  }

  private SigningKey replace(List<SigningKey> active, Instant now) {
    active.forEach(key -> key.retire(now, now.plus(retention)));
    SigningKey created = keys.save(newKey(now));
    events.record(
        EventTypes.SIGNING_KEY_ROTATED,
        new CredentialEvents.Subject(null, "signing-key", created.kid()),
        "rotate",
        Outcome.SUCCESS,
        Map.of(
            "kid",
            new Change(
                active.stream().map(SigningKey::kid).findFirst().orElse(null), created.kid())));
    return created;
  }

  /** Decrypts the private halves of the given keys in one Vault round trip. */
  public List<RSAKey> decrypt(List<SigningKey> signingKeys) {
    List<String> plain =
        cipher.decryptAll(
            OWNER, signingKeys.stream().map(SigningKey::privateJwkCiphertext).toList());
    return plain.stream().map(SigningKeyStore::parse).toList();
  }

  private SigningKey newKey(Instant now) {
    try {
      RSAKey key =
          new RSAKeyGenerator(2048)
              .keyID(UUID.randomUUID().toString())
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
      return SigningKey.create(
          key.getKeyID(),
          key.toPublicJWK().toJSONString(),
          cipher.encrypt(OWNER, key.toJSONString()),
          now);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not generate an RSA key", e);
    }
  }

  private void lock() {
    jdbc.sql("SELECT pg_advisory_xact_lock(:id)").param("id", LOCK_ID).query().singleRow();
  }

  private static RSAKey parse(String json) {
    try {
      return RSAKey.parse(json);
    } catch (ParseException e) {
      throw new IllegalStateException("stored signing key is not a JWK", e);
    }
  }
}
