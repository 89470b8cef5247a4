package io.mcpmanager.audit.ingest;

import io.mcpmanager.audit.trail.NewEntry;
import io.mcpmanager.events.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Consumption metrics under the names of observability/README.md: events stored by type, duplicates
 * skipped, events dead-lettered (the reason is in the DLT record's header), and the end-to-end lag
 * from the event's time to its storage as a histogram. Consumer lag in records comes from the Kafka
 * client metrics ({@code kafka_consumer_fetch_manager_records_lag_max}).
 */
@Component
class IngestMetrics {

  private final MeterRegistry registry;
  private final Clock clock;
  private final Counter duplicates;
  private final Counter deadLettered;
  private final Timer lag;

  IngestMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.duplicates =
        Counter.builder("mcpm.audit.events.duplicate")
            .description("redelivered events skipped because their id is already stored")
            .register(registry);
    this.deadLettered =
        Counter.builder("mcpm.audit.dead.lettered")
            .description("events sent to the dead-letter topic")
            .register(registry);
    this.lag =
        Timer.builder("mcpm.audit.events.lag")
            .description("time from the event's occurrence to its storage in the trail")
            .publishPercentiles(0.5, 0.95, 0.99)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
  }

  void stored(NewEntry entry) {
    // Type names are bounded by EventTypes' form; anything else shares one label value.
    String type = EventTypes.isWellFormed(entry.type()) ? entry.type() : "other";
    Counter.builder("mcpm.audit.events.stored")
        .description("events stored in the trail")
        .tag("type", type)
        .register(registry)
        .increment();
    Duration elapsed = Duration.between(entry.occurredAt(), Instant.now(clock));
    lag.record(elapsed.isNegative() ? Duration.ZERO : elapsed);
  }

  void duplicates(int count) {
    duplicates.increment(count);
  }

  void deadLettered() {
    deadLettered.increment();
  }
}
