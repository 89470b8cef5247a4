package io.mcpmanager.audit.verify;

import java.util.UUID;

/**
 * The result of recomputing the chain over a range.
 *
 * @param checked how many entries were recomputed before the first broken link (or all of them)
 * @param brokenLink the first entry whose hash or link does not hold; null when intact
 */
public record VerificationReport(boolean intact, long checked, Long fromSeq, Long toSeq,
    BrokenLink brokenLink) {

  /**
   * @param expectedHash what the chain says it should be (the recomputed hash, or the previous
   *     entry's hash for a broken link)
   * @param actualHash what is stored
   */
  public record BrokenLink(long seq, UUID eventId, String reason, String expectedHash,
      String actualHash) {}

  static VerificationReport intact(long checked, Long fromSeq, Long toSeq) {
    return new VerificationReport(true, checked, fromSeq, toSeq, null);
  }

  static VerificationReport broken(long checked, Long fromSeq, Long toSeq, BrokenLink link) {
    return new VerificationReport(false, checked, fromSeq, toSeq, link);
  }
}
