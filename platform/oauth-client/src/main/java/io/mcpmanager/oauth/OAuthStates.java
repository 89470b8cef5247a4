package io.mcpmanager.oauth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * OAuth {@code state} values that are signed (HMAC-SHA256), bound to the user and the provider,
 * single-use and short-lived. A state is {@code nonce.expiry.signature}; the nonce is the primary
 * key of a row in {@code oauth_state} that {@link #consume} deletes with {@code DELETE ...
 * RETURNING}, so a replayed state finds nothing. The PKCE verifier is derived from the nonce with
 * the same key, so no secret is stored in the table.
 *
 * <p>The table comes from {@code classpath:db/oauth-client}, which the platform's Flyway strategy
 * migrates with its own history in every service that has this module.
 *
 * <p>{@link #consume} runs its own statement: call it outside a transaction that might roll back.
 */
public class OAuthStates {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final int MIN_KEY_BYTES = 32;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration ttl;
  private final SecretKeySpec key;

  public OAuthStates(JdbcClient jdbc, Clock clock, Duration ttl, @Nullable String signingKey) {
    if (signingKey == null || signingKey.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
      throw new IllegalStateException(
          "The OAuth state signing key is missing or shorter than 32 bytes:"
              + " set MCPM_OAUTH_STATE_KEY (or mcpm.oauth.state-key) from the environment or Vault");
    }
    this.jdbc = jdbc;
    this.clock = clock;
    this.ttl = ttl;
    this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** A state issued for one authorization request, with the PKCE challenge to send along. */
  public record IssuedState(String state, String codeChallenge, Instant expiresAt) {}

  /** What a valid state carried. The verifier goes to the token endpoint; never log it. */
  public record ConsumedState(
      String userId,
      String provider,
      String redirectUri,
      @Nullable String returnUrl,
      List<String> scopes,
      String codeVerifier) {
    @Override
    public String toString() {
      return "ConsumedState[userId=" + userId + ", provider=" + provider + "]";
    }
  }

  public IssuedState issue(
      String userId,
      String provider,
      String redirectUri,
      @Nullable String returnUrl,
      List<String> scopes) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String nonce = BASE64URL.encodeToString(bytes);
    Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
    jdbc.sql(
            """
            INSERT INTO oauth_state (id, user_id, provider, redirect_uri, return_url, scopes, expires_at, created_at)
            VALUES (:id, :user, :provider, :redirect, :returnUrl, :scopes, :expires, :created)""")
        .param("id", nonce)
        .param("user", userId)
        .param("provider", provider)
        .param("redirect", redirectUri)
        .param("returnUrl", returnUrl)
        .param("scopes", String.join(" ", scopes))
        .param("expires", Timestamp.from(expiresAt))
        .param("created", Timestamp.from(clock.instant()))
        .update();
    String state =
        nonce + "." + expiresAt.getEpochSecond() + "." + sign(nonce, provider, userId, expiresAt);
    return new IssuedState(state, Pkce.challengeOf(verifier(nonce)), expiresAt);
  }

  /**
   * Checks and burns a state: it must exist (not replayed), belong to this provider, carry a valid
   * signature for the user it was issued to, and not be older than the TTL.
   *
   * @throws InvalidStateException otherwise
   */
  public ConsumedState consume(String provider, @Nullable String state) {
    String[] parts = state == null ? new String[0] : state.split("\\.");
    if (state == null || parts.length != 3) {
      throw InvalidStateException.because("malformed");
    }
    String nonce = parts[0];
    Optional<Row> row =
        jdbc.sql(
                """
            DELETE FROM oauth_state WHERE id = :id AND provider = :provider
            RETURNING user_id, redirect_uri, return_url, scopes, expires_at""")
            .param("id", nonce)
            .param("provider", provider)
            .query(
                (rs, i) ->
                    new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
            .optional();
    if (row.isEmpty()) {
      throw InvalidStateException.because("unknown, already used or issued for another provider");
    }
    Row r = row.get();
    String expected =
        nonce
            + "."
            + r.expiresAt.getEpochSecond()
            + "."
            + sign(nonce, provider, r.userId, r.expiresAt);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), state.getBytes(StandardCharsets.US_ASCII))) {
      throw InvalidStateException.because("signature mismatch");
    }
    if (!clock.instant().isBefore(r.expiresAt)) {
      throw InvalidStateException.because("expired");
    }
    return new ConsumedState(
        r.userId,
        provider,
        r.redirectUri,
        r.returnUrl,
        TokenResponse.parseScopes(r.scopes),
        verifier(nonce));
  }

  /** Deletes states past their TTL; returns how many. Call it from a scheduled job. */
  public int purgeExpired() {
    return jdbc.sql("DELETE FROM oauth_state WHERE expires_at < :now")
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  private String verifier(String nonce) {
    return BASE64URL.encodeToString(hmac("pkce|" + nonce));
  }

  private String sign(String nonce, String provider, String userId, Instant expiresAt) {
    return BASE64URL.encodeToString(
        hmac("state|" + nonce + "|" + provider + "|" + userId + "|" + expiresAt.getEpochSecond()));
  }

  private byte[] hmac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Row(
      String userId,
      String redirectUri,
      @Nullable String returnUrl,
      String scopes,
      Instant expiresAt) {}
}
