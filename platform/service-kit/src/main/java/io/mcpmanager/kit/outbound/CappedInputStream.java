package io.mcpmanager.kit.outbound;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails with {@link BodyTooLargeException} once more than {@code limit} bytes were read, and knows
 * whether the body was read to its end.
 */
final class CappedInputStream extends FilterInputStream {

  private final long limit;
  private long count;
  private boolean ended;

  CappedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    } else {
      ended = true;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    } else if (n < 0) {
      ended = true;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  private void count(long n) throws BodyTooLargeException {
    count += n;
    if (count > limit) {
      throw new BodyTooLargeException(limit);
    }
  }

  /** Whether the end of the body was reached (within the limit). */
  boolean ended() {
    return ended;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
