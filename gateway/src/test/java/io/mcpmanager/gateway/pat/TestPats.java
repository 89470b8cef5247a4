package io.mcpmanager.gateway.pat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/** Well-formed personal access token texts (as auth-server makes them) and mistyped ones. */
public final class TestPats {

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestPats() {}

  public static String newToken() {
    StringBuilder random = new StringBuilder();
    for (int i = 0; i < 36; i++) {
      random.append(BASE62.charAt(RANDOM.nextInt(62)));
    }
    CRC32 crc = new CRC32();
    crc.update(random.toString().getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] checksum = new char[6];
    for (int i = 5; i >= 0; i--) {
      checksum[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return "mcpm_pat_" + random + new String(checksum);
  }

  /** The token with one character changed to another base62 character. */
  public static String withTypo(String token, int index) {
    char wrong = token.charAt(index) == 'x' ? 'y' : 'x';
    return token.substring(0, index) + wrong + token.substring(index + 1);
  }
}
