package io.mcpmanager.audit.verify;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The result of recomputing the chain over a range.
 *
 * @param checked how many entries were recomputed before the first broken link (or all of them)
 * @param checkpointsChecked how many signed checkpoints matched the recomputed chain
 * @param fromSeq first seq of the range; null for the start of the chain
 * @param toSeq last seq of the range; null for the tail of the chain
 * @param brokenLink the first entry whose hash or link does not hold; null when intact
 */
public record VerificationReport(
    boolean intact,
    long checked,
    long checkpointsChecked,
    @Nullable Long fromSeq,
    @Nullable Long toSeq,
    @Nullable BrokenLink brokenLink) {

  /**
   * @param kind {@value #BROKEN_LINK} (an entry does not match its hash or its predecessor),
   *     {@value #CHECKPOINT_MISMATCH} (the recomputed hash at a signed checkpoint's seq is not the
   *     signed one, or the chain ends before it) or {@value #CHECKPOINT_SIGNATURE} (a checkpoint's
   *     signature fails)
   * @param eventId null when entries are missing at the end of the chain, or for a checkpoint
   * @param expectedHash what the chain says it should be (the recomputed hash, or the previous
   *     entry's hash for a broken link); null when the preceding entry is missing
   * @param actualHash what is stored (for a checkpoint mismatch: what the chain recomputes to)
   */
  public record BrokenLink(
      String kind,
      long seq,
      @Nullable UUID eventId,
      String reason,
      @Nullable String expectedHash,
      @Nullable String actualHash) {

    public static final String BROKEN_LINK = "broken_link";
    public static final String CHECKPOINT_MISMATCH = "checkpoint_mismatch";
    public static final String CHECKPOINT_SIGNATURE = "checkpoint_signature";
  }

  static VerificationReport intact(
      long checked, long checkpoints, @Nullable Long fromSeq, @Nullable Long toSeq) {
    return new VerificationReport(true, checked, checkpoints, fromSeq, toSeq, null);
  }

  static VerificationReport broken(
      long checked,
      long checkpoints,
      @Nullable Long fromSeq,
      @Nullable Long toSeq,
      BrokenLink link) {
    return new VerificationReport(false, checked, checkpoints, fromSeq, toSeq, link);
  }
}
