package io.mcpmanager.audit.verify;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The result of recomputing the chain over a range.
 *
 * @param checked how many entries were recomputed before the first broken link (or all of them)
 * @param fromSeq first seq of the range; null for the start of the chain
 * @param toSeq last seq of the range; null for the tail of the chain
 * @param brokenLink the first entry whose hash or link does not hold; null when intact
 */
public record VerificationReport(boolean intact, long checked, @Nullable Long fromSeq, @Nullable Long toSeq,
    @Nullable BrokenLink brokenLink) {

  /**
   * @param eventId null when entries are missing at the end of the chain
   * @param expectedHash what the chain says it should be (the recomputed hash, or the previous
   *     entry's hash for a broken link); null when the preceding entry is missing
   * @param actualHash what is stored
   */
  public record BrokenLink(long seq, @Nullable UUID eventId, String reason, @Nullable String expectedHash,
      String actualHash) {}

  static VerificationReport intact(long checked, @Nullable Long fromSeq, @Nullable Long toSeq) {
    return new VerificationReport(true, checked, fromSeq, toSeq, null);
  }

  static VerificationReport broken(long checked, @Nullable Long fromSeq, @Nullable Long toSeq, BrokenLink link) {
    return new VerificationReport(false, checked, fromSeq, toSeq, link);
  }
}
