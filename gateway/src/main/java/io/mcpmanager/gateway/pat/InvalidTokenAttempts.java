package io.mcpmanager.gateway.pat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Counts, per client address, well-formed tokens auth-server did not know. Anyone can compute a
 * checksum, so made-up tokens that pass it would each cost auth-server a Vault HMAC and a lookup:
 * after {@code max} of them within {@code window} (counted from the first), an address gets 429
 * until the window ends, without another lookup. Bounded; idle addresses are forgotten.
 */
class InvalidTokenAttempts {

  private final int max;
  private final Duration window;
  private final Cache<String, AtomicInteger> counts;

  InvalidTokenAttempts(int max, Duration window) {
    this.max = max;
    this.window = window;
    this.counts = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
  }

  boolean isBlocked(@Nullable String address) {
    AtomicInteger count = counts.getIfPresent(key(address));
    return count != null && count.get() >= max;
  }

  void recordInvalid(@Nullable String address) {
    counts.get(key(address), k -> new AtomicInteger()).incrementAndGet();
  }

  Duration window() {
    return window;
  }

  private static String key(@Nullable String address) {
    return address == null ? "unknown" : address;
  }
}
