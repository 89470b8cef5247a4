package io.mcpmanager.auth.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 codes (HMAC-SHA1, 6 digits, 30-second steps: what every authenticator app expects),
 * through java-otp. A code is accepted for the current step and one step either side (clock drift),
 * and only for a step later than the last one accepted, so no code works twice.
 */
final class Totp {

  static final Duration STEP = Duration.ofSeconds(30);
  static final Pattern CODE = Pattern.compile("\\d{6}");
  private static final int SECRET_BYTES = 20;
  private static final int DRIFT_STEPS = 1;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final TimeBasedOneTimePasswordGenerator GENERATOR =
      new TimeBasedOneTimePasswordGenerator(STEP);

  private Totp() {}

  /** A new shared secret, Base32 as authenticator apps take it (160 bits, RFC 4226's advice). */
  static String newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return base32(secret);
  }

  static String otpauthUri(String issuer, String account, String secret) {
    String label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/"
        + label
        + "?secret="
        + secret
        + "&issuer="
        + encode(issuer)
        + "&algorithm=SHA1&digits=6&period="
        + STEP.toSeconds();
  }

  static long step(Instant time) {
    return time.getEpochSecond() / STEP.toSeconds();
  }

  /** The time step the code belongs to, if it is valid now and later than {@code lastUsedStep}. */
  static OptionalLong match(String secret, String code, Instant now, long lastUsedStep) {
    if (!CODE.matcher(code).matches()) {
      return OptionalLong.empty();
    }
    Key key = new SecretKeySpec(base32Decode(secret), GENERATOR.getAlgorithm());
    long current = step(now);
    for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
      if (step > lastUsedStep
          && MessageDigest.isEqual(
              code(key, step).getBytes(StandardCharsets.US_ASCII),
              code.getBytes(StandardCharsets.US_ASCII))) {
        return OptionalLong.of(step);
      }
    }
    return OptionalLong.empty();
  }

  /** The code of a time step (tests and enrolment checks use it as an authenticator app would). */
  static String code(String secret, Instant time) {
    return code(new SecretKeySpec(base32Decode(secret), GENERATOR.getAlgorithm()), step(time));
  }

  private static String code(Key key, long step) {
    try {
      return GENERATOR.generateOneTimePasswordString(
          key, Instant.ofEpochSecond(step * STEP.toSeconds()));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  private static byte[] base32Decode(String text) {
    byte[] out = new byte[text.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int index = 0;
    for (char c : text.toCharArray()) {
      buffer = (buffer << 5) | BASE32.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out[index++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
