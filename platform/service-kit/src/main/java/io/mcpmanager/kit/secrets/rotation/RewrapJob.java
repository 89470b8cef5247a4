package io.mcpmanager.kit.secrets.rotation;

import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.secrets.SecretCipher.OwnedCiphertext;
import io.mcpmanager.kit.secrets.TransitKeyVersions;
import io.mcpmanager.kit.secrets.rotation.CiphertextStore.StoredCiphertext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves every stored ciphertext of the service's key to the newest key version, then retires the
 * older versions ({@code min_decryption_version}). Resumable by construction: what is left to do is
 * "rows below the newest version", read from the stores on every run, so a run that crashed or was
 * cut short is simply continued by the next. Rows are replaced compare-and-set, so a value a user
 * wrote meanwhile is kept; versions are retired only when every store reports none left.
 *
 * <p>Metrics (no owner, row id or secret in any label): {@code mcpm.rewrap.remaining{store}}
 * ciphertexts below the newest version, {@code mcpm.rewrap.rewrapped{store}}, {@code
 * mcpm.rewrap.skipped{store,reason=changed|refused}}, {@code
 * mcpm.rewrap.key.version{key,kind=latest|min-decryption}}.
 */
public class RewrapJob {

  private static final Logger log = LoggerFactory.getLogger(RewrapJob.class);

  private final SecretCipher cipher;
  private final TransitKeyVersions key;
  private final List<Tracked> stores;
  private final RotationProperties properties;
  private final Clock clock;
  private final AtomicInteger latestVersion = new AtomicInteger();
  private final AtomicInteger minDecryptionVersion = new AtomicInteger();

  public RewrapJob(
      SecretCipher cipher,
      TransitKeyVersions key,
      List<CiphertextStore> stores,
      RotationProperties properties,
      MeterRegistry registry,
      Clock clock) {
    this.cipher = cipher;
    this.key = key;
    this.stores =
        stores.stream().map(s -> new Tracked(s, new StoreMeters(registry, s.name()))).toList();
    this.properties = properties;
    this.clock = clock;
    Gauge.builder("mcpm.rewrap.key.version", latestVersion, AtomicInteger::get)
        .description("versions of the service's Transit key")
        .strongReference(true)
        .tag("key", key.keyName())
        .tag("kind", "latest")
        .register(registry);
    Gauge.builder("mcpm.rewrap.key.version", minDecryptionVersion, AtomicInteger::get)
        .description("versions of the service's Transit key")
        .strongReference(true)
        .tag("key", key.keyName())
        .tag("kind", "min-decryption")
        .register(registry);
  }

  /** One run: applies the auto-rotation period, rewraps what is left, retires if nothing is. */
  public Outcome run() {
    Optional<TransitKeyVersions.State> found = key.read();
    if (found.isEmpty()) {
      return Outcome.NO_KEY; // the key is created with the first secret; nothing is stored yet
    }
    TransitKeyVersions.State state = found.get();
    if (!state.autoRotatePeriod().equals(properties.autoRotatePeriod())) {
      key.autoRotateEvery(properties.autoRotatePeriod());
    }
    int latest = state.latestVersion();
    latestVersion.set(latest);
    minDecryptionVersion.set(state.minDecryptionVersion());
    Tally tally = new Tally();
    for (Tracked store : stores) {
      if (!rewrap(store, latest, tally)) {
        return tally.outcome(latest, state.minDecryptionVersion(), false); // interrupted
      }
    }
    long left = 0;
    for (Tracked store : stores) {
      left += remainingBelow(store, latest);
    }
    boolean retire = left == 0 && state.minDecryptionVersion() < latest && settled(state);
    if (retire) {
      key.retireBelow(latest);
      minDecryptionVersion.set(latest);
    }
    if (tally.touched() || retire) {
      log.info(
          "rewrap of key {}: {} rewrapped, {} changed meanwhile, {} refused, {} left below v{}{}",
          key.keyName(),
          tally.rewrapped,
          tally.changed,
          tally.refused,
          left,
          latest,
          retire ? "; older versions retired" : "");
    }
    return tally.outcome(latest, retire ? latest : state.minDecryptionVersion(), retire);
  }

  /**
   * @return false when the run was interrupted between batches
   */
  private boolean rewrap(Tracked tracked, int latest, Tally tally) {
    CiphertextStore store = tracked.store();
    StoreMeters meter = tracked.meters();
    remainingBelow(tracked, latest);
    @Nullable Object after = null;
    while (true) {
      List<StoredCiphertext> batch = store.nextBelow(latest, after, properties.batchSize());
      if (batch.isEmpty()) {
        return true;
      }
      List<Optional<String>> rewrapped =
          cipher.rewrapAll(
              batch.stream().map(r -> new OwnedCiphertext(r.ownerId(), r.ciphertext())).toList());
      for (int i = 0; i < batch.size(); i++) {
        StoredCiphertext row = batch.get(i);
        Optional<String> result = rewrapped.get(i);
        if (result.isEmpty()) {
          // Left as it is: the row stays below the newest version, so nothing is retired.
          tally.refused++;
          meter.refused.increment();
          log.warn("rewrap: Vault refused the ciphertext of {} row {}", store.name(), row.id());
        } else if (store.replace(row, result.get())) {
          tally.rewrapped++;
          meter.rewrapped.increment();
          meter.remaining.decrementAndGet();
        } else {
          // Changed or deleted meanwhile: the user's value is kept; if it is still below the newest
          // version, the recount below sees it and nothing is retired.
          tally.changed++;
          meter.changed.increment();
        }
      }
      after = batch.getLast().id();
      if (!pause()) {
        return false;
      }
    }
  }

  private static long remainingBelow(Tracked tracked, int version) {
    long below =
        tracked.store().countByKeyVersion().entrySet().stream()
            .filter(e -> e.getKey() < version)
            .mapToLong(Map.Entry::getValue)
            .sum();
    tracked.meters().remaining.set(below);
    return below;
  }

  private boolean settled(TransitKeyVersions.State state) {
    return state.latestCreatedAt() != null
        && !state.latestCreatedAt().plus(properties.settle()).isAfter(clock.instant());
  }

  private boolean pause() {
    Duration pause = properties.pause();
    if (pause.isZero()) {
      return !Thread.currentThread().isInterrupted();
    }
    try {
      Thread.sleep(pause); // throttles the job's own thread only
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What one run did. */
  public record Outcome(
      int latestVersion,
      int minDecryptionVersion,
      long rewrapped,
      long changed,
      long refused,
      boolean retired) {

    static final Outcome NO_KEY = new Outcome(0, 0, 0, 0, 0, false);
  }

  private static final class Tally {
    long rewrapped;
    long changed;
    long refused;

    boolean touched() {
      return rewrapped + changed + refused > 0;
    }

    Outcome outcome(int latest, int minDecryption, boolean retired) {
      return new Outcome(latest, minDecryption, rewrapped, changed, refused, retired);
    }
  }

  private record Tracked(CiphertextStore store, StoreMeters meters) {}

  private static final class StoreMeters {
    final AtomicLong remaining = new AtomicLong();
    final Counter rewrapped;
    final Counter changed;
    final Counter refused;

    StoreMeters(MeterRegistry registry, String store) {
      Gauge.builder("mcpm.rewrap.remaining", remaining, AtomicLong::get)
          .description("stored ciphertexts below the newest key version")
          .strongReference(true)
          .tag("store", store)
          .register(registry);
      rewrapped =
          Counter.builder("mcpm.rewrap.rewrapped")
              .description("ciphertexts moved to the newest key version")
              .tag("store", store)
              .register(registry);
      changed = skipped(registry, store, "changed");
      refused = skipped(registry, store, "refused");
    }

    private static Counter skipped(MeterRegistry registry, String store, String reason) {
      return Counter.builder("mcpm.rewrap.skipped")
          .description("ciphertexts left as they were: changed meanwhile, or refused by Vault")
          .tag("store", store)
          .tag("reason", reason)
          .register(registry);
    }
  }
}
