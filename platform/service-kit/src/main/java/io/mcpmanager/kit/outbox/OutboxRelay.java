package io.mcpmanager.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka, oldest first, at least once. Only one replica publishes at a time
 * (a transaction-scoped advisory lock), which keeps each user's events in order; the others skip
 * the round. A row is deleted only after the broker acknowledged it. After a failed round the relay
 * pauses with exponential backoff and counts the attempt on the rows it could not send.
 */
public class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  /** Any fixed number, the same in every replica: the key of the relay's advisory lock. */
  private static final long RELAY_LOCK = 0x6d63706d_6f757462L;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final KafkaTemplate<String, String> kafka;
  private final OutboxProperties properties;
  private final Counter published;
  private final Counter failures;
  private int consecutiveFailures;
  private long pausedUntilNanos;

  public OutboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaTemplate<String, String> kafka,
      OutboxProperties properties,
      MeterRegistry registry) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.kafka = kafka;
    this.properties = properties;
    this.published =
        Counter.builder("mcpm.outbox.published")
            .description("events published to Kafka")
            .register(registry);
    this.failures =
        Counter.builder("mcpm.outbox.publish.failures")
            .description("relay rounds that failed to publish")
            .register(registry);
  }

  /** One round; returns how many events were published. Called by the scheduler. */
  public int relayOnce() {
    if (System.nanoTime() < pausedUntilNanos) {
      return 0;
    }
    Integer sent =
        transactions.execute(
            status -> {
              Boolean locked =
                  jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                      .param("key", RELAY_LOCK)
                      .query(Boolean.class)
                      .single();
              return Boolean.TRUE.equals(locked) ? publishBatch() : 0;
            });
    return sent == null ? 0 : sent;
  }

  private int publishBatch() {
    List<PendingEvent> batch =
        jdbc.sql(
                """
            SELECT id, topic, message_key, payload::text AS payload FROM outbox_event
            ORDER BY created_at, id LIMIT :limit""")
            .param("limit", properties.batchSize())
            .query(
                (rs, n) ->
                    new PendingEvent(
                        rs.getObject("id", UUID.class),
                        rs.getString("topic"),
                        rs.getString("message_key"),
                        rs.getString("payload")))
            .list();
    if (batch.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(batch.size());
    try {
      for (PendingEvent event : batch) {
        sends.add(kafka.send(new ProducerRecord<>(event.topic(), event.key(), event.payload())));
      }
      kafka.flush();
    } catch (RuntimeException e) {
      log.debug("send rejected by the producer", e);
    }
    int acknowledged = countLeadingAcknowledged(sends);
    // Delete the acknowledged prefix only: a later event never overtakes an earlier one that
    // failed.
    List<UUID> done = batch.subList(0, acknowledged).stream().map(PendingEvent::id).toList();
    if (!done.isEmpty()) {
      jdbc.sql("DELETE FROM outbox_event WHERE id IN (:ids)").param("ids", done).update();
      published.increment(done.size());
    }
    if (acknowledged < batch.size()) {
      recordFailure(batch.subList(acknowledged, batch.size()));
    } else {
      consecutiveFailures = 0;
    }
    return acknowledged;
  }

  private int countLeadingAcknowledged(List<CompletableFuture<SendResult<String, String>>> sends) {
    long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
    int acknowledged = 0;
    for (CompletableFuture<SendResult<String, String>> send : sends) {
      try {
        send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        acknowledged++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        log.warn("outbox publish failed: {}", e.getClass().getSimpleName());
        break;
      }
    }
    return acknowledged;
  }

  private void recordFailure(List<PendingEvent> unsent) {
    failures.increment();
    consecutiveFailures++;
    long backoff =
        Math.min(
            properties.maxBackoff().toMillis(),
            properties.pollInterval().toMillis() << Math.min(consecutiveFailures, 16));
    pausedUntilNanos = System.nanoTime() + Duration.ofMillis(backoff).toNanos();
    jdbc.sql(
            """
            UPDATE outbox_event SET attempts = attempts + 1, last_attempt_at = clock_timestamp()
            WHERE id IN (:ids)""")
        .param("ids", unsent.stream().map(PendingEvent::id).toList())
        .update();
  }

  private record PendingEvent(UUID id, String topic, String key, String payload) {}
}
