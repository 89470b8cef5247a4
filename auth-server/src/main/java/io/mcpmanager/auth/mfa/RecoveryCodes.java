package io.mcpmanager.auth.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One-time recovery codes: 80 random bits as four groups of four Base32 characters ({@code
 * abcd-efgh-ijkl-mnop}). They are kept as SHA-256 hashes; like the token hashes, no salt is needed
 * for values this random.
 */
final class RecoveryCodes {

  static final int COUNT = 10;
  static final Pattern FORM = Pattern.compile("[a-z2-7]{4}(-?[a-z2-7]{4}){3}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RecoveryCodes() {}

  static List<String> generate() {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      byte[] bytes = new byte[10];
      RANDOM.nextBytes(bytes);
      String text = Totp.base32(bytes).toLowerCase(Locale.ROOT);
      codes.add(
          String.join(
              "-",
              text.substring(0, 4),
              text.substring(4, 8),
              text.substring(8, 12),
              text.substring(12, 16)));
    }
    return codes;
  }

  static boolean looksLikeOne(String input) {
    return FORM.matcher(normalise(input)).matches();
  }

  /** Typed with or without dashes, in any case, with surrounding spaces. */
  static String hash(String input) {
    String canonical = normalise(input).replace("-", "");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String normalise(String input) {
    return input.strip().toLowerCase(Locale.ROOT);
  }
}
