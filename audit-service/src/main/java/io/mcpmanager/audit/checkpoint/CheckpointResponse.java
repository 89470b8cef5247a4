package io.mcpmanager.audit.checkpoint;

import java.time.Instant;
import java.util.Base64;

/**
 * A checkpoint as the API serves it and the topic carries it.
 *
 * @param signature base64 ed25519 signature over {@code payload} (base64 of the signed bytes)
 */
record CheckpointResponse(
    long seq,
    String hash,
    Instant signedAt,
    String keyName,
    int keyVersion,
    String signature,
    String payload) {

  static CheckpointResponse of(Checkpoint c) {
    return new CheckpointResponse(
        c.seq(),
        c.hash(),
        c.signedAt(),
        c.keyName(),
        c.keyVersion(),
        Base64.getEncoder().encodeToString(c.signature()),
        Base64.getEncoder().encodeToString(c.payload()));
  }
}
