package io.mcpmanager.audit.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The opaque page cursor: the seq of the last entry returned, base64url-encoded and versioned. */
final class Cursor {

  private static final Pattern FORM = Pattern.compile("v1:([1-9][0-9]{0,18})");

  private Cursor() {}

  static String after(long seq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("v1:" + seq).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The seq a cursor stands for (null: no cursor, the first page); a cursor this service did not
   * issue is a 400.
   */
  static @Nullable Long seqOf(@Nullable String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      Matcher matcher = FORM.matcher(text);
      if (matcher.matches()) {
        return Long.parseLong(matcher.group(1));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the 400 below
    }
    throw InvalidAuditQueryException.forParameter("cursor", "is not a cursor returned by this API");
  }
}
