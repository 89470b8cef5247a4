package io.mcpmanager.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A signed statement "the chain's head was (seq, hash) at signedAt". The signature covers {@link
 * #payload()}, which names the key and key version too.
 */
public record Checkpoint(
    long seq, String hash, Instant signedAt, String keyName, int keyVersion, byte[] signature) {

  private static final DateTimeFormatter MICROS_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** The signed bytes (version 1): one {@code name=value} line per field, in this order. */
  public byte[] payload() {
    return payload(seq, hash, signedAt, keyName, keyVersion);
  }

  static byte[] payload(long seq, String hash, Instant signedAt, String keyName, int keyVersion) {
    return ("mcpm-audit-checkpoint/1\nseq="
            + seq
            + "\nhash="
            + hash
            + "\nsigned_at="
            + MICROS_UTC.format(signedAt)
            + "\nkey="
            + keyName
            + "\nkey_version="
            + keyVersion
            + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
