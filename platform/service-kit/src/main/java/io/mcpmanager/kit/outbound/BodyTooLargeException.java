package io.mcpmanager.kit.outbound;

import java.io.IOException;

/** A response body longer than the caller's cap; nothing of it is used. */
public class BodyTooLargeException extends IOException {

  private final long limit;

  public BodyTooLargeException(long limit) {
    super("response body exceeds " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
