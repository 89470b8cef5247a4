package io.mcpmanager.auth.pat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The text of a personal access token: {@code mcpm_pat_}, 36 random base62 characters (214 bits)
 * and a checksum of them, CRC32 written as 6 base62 characters, the shape of GitHub's tokens. The
 * prefix lets secret scanners and log redaction recognise a token; the checksum rejects a typo or a
 * made-up token without any lookup.
 */
public final class PatSecret {

  public static final String PREFIX = "mcpm_pat_";
  static final int RANDOM_LENGTH = 36;
  static final int CHECKSUM_LENGTH = 6;
  public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PatSecret() {}

  public static String generate() {
    StringBuilder random = new StringBuilder(RANDOM_LENGTH);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      random.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return PREFIX + random + checksum(random.toString());
  }

  /** Prefix, length, alphabet and checksum are right: worth a lookup. */
  public static boolean isWellFormed(@Nullable String token) {
    if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      if (BASE62.indexOf(token.charAt(i)) < 0) {
        return false;
      }
    }
    String random = token.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
    return checksum(random).equals(token.substring(PREFIX.length() + RANDOM_LENGTH));
  }

  /** The last four characters, shown in lists to tell tokens apart (they are the checksum's). */
  static String hint(String token) {
    return "…" + token.substring(token.length() - 4);
  }

  private static String checksum(String random) {
    CRC32 crc = new CRC32();
    crc.update(random.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] digits = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      digits[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(digits);
  }
}
