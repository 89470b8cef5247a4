package io.mcpmanager.kit.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Backlog gauges: how many events wait in the outbox and how old the oldest is. */
public final class OutboxMetrics {

  private OutboxMetrics() {}

  public static void register(MeterRegistry registry, JdbcClient jdbc) {
    Gauge.builder(
            "mcpm.outbox.pending",
            jdbc,
            j -> j.sql("SELECT count(*) FROM outbox_event").query(Long.class).single())
        .description("events waiting in the outbox")
        .register(registry);
    Gauge.builder(
            "mcpm.outbox.oldest.age",
            jdbc,
            j ->
                j.sql(
                        """
                    SELECT COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0)
                    FROM outbox_event""")
                    .query(Double.class)
                    .single())
        .description("age of the oldest pending outbox event")
        .baseUnit("seconds")
        .register(registry);
  }
}
