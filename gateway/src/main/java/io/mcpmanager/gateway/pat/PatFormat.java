package io.mcpmanager.gateway.pat;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a personal access token, as auth-server issues it ({@code PatSecret} there): {@code
 * mcpm_pat_}, 36 base62 characters and their CRC32 as 6 base62 characters. Checked here so that a
 * mistyped or invented token costs no call to auth-server.
 */
final class PatFormat {

  static final String PREFIX = "mcpm_pat_";
  private static final int RANDOM_LENGTH = 36;
  private static final int CHECKSUM_LENGTH = 6;
  private static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private PatFormat() {}

  /** Looks like a personal access token (by its prefix), well formed or not. */
  static boolean isCandidate(String bearer) {
    return bearer.startsWith(PREFIX);
  }

  static boolean isWellFormed(@Nullable String token) {
    if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      if (BASE62.indexOf(token.charAt(i)) < 0) {
        return false;
      }
    }
    CRC32 crc = new CRC32();
    crc.update(
        token
            .substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH)
            .getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    for (int i = LENGTH - 1; i >= LENGTH - CHECKSUM_LENGTH; i--) {
      if (token.charAt(i) != BASE62.charAt((int) (value % 62))) {
        return false;
      }
      value /= 62;
    }
    return true;
  }
}
