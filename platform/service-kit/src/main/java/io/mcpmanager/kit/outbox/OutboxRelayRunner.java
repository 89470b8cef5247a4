package io.mcpmanager.kit.outbox;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the relay on its own thread: again at once while there is a backlog, else every poll
 * interval.
 */
public class OutboxRelayRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelayRunner.class);

  private final OutboxRelay relay;
  private final OutboxProperties properties;
  private @Nullable ScheduledExecutorService executor;

  public OutboxRelayRunner(OutboxRelay relay, OutboxProperties properties) {
    this.relay = relay;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "outbox-relay");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        this::drain,
        properties.pollInterval().toMillis(),
        properties.pollInterval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void drain() {
    try {
      while (relay.relayOnce() >= properties.batchSize()) {
        // a full batch: more is probably waiting
      }
    } catch (RuntimeException e) {
      // The database may be down; the next round tries again.
      log.warn("outbox relay round failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(
            properties.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
