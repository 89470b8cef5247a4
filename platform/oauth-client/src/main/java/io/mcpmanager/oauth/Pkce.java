package io.mcpmanager.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PKCE (RFC 7636) with the S256 method: a high-entropy verifier and its SHA-256 challenge.
 *
 * @param verifier 43 characters of base64url; a secret until the code is exchanged
 * @param challenge {@code BASE64URL(SHA256(verifier))}, sent on the authorize request
 */
public record Pkce(String verifier, String challenge) {

  public static final String METHOD = "S256";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** A fresh random verifier (32 bytes of entropy). */
  public static Pkce generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return of(BASE64URL.encodeToString(bytes));
  }

  public static Pkce of(String verifier) {
    if (verifier == null || verifier.length() < 43 || verifier.length() > 128) {
      throw new IllegalArgumentException("a PKCE verifier has 43 to 128 characters");
    }
    return new Pkce(verifier, challengeOf(verifier));
  }

  public static String challengeOf(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return BASE64URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "Pkce[challenge=" + challenge + "]";
  }
}
