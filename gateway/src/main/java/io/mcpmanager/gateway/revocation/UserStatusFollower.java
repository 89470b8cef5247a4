package io.mcpmanager.gateway.revocation;

import io.mcpmanager.events.EventTypes;
import io.mcpmanager.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows auth-server's events topic (only auth-server may write it) into {@link DisabledUsers},
 * {@link RevokedSessions} and the {@link PatRevocations} listeners. Every gateway replica reads
 * every partition itself (assigned, no consumer group, nothing committed), so each sees every
 * event.
 *
 * <p>On start it reads from {@link RevocationProperties#replayWindow()} ago and reports itself
 * caught up once it has read up to the end offsets it found then; until that, readiness is down
 * (see {@link RevocationHealthIndicator}), so a gateway that cannot reach Kafka never serves
 * traffic with an empty list.
 */
final class UserStatusFollower implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(UserStatusFollower.class);

  private final RevocationProperties properties;
  private final DisabledUsers disabled;
  private final RevokedSessions revokedSessions;
  private final List<PatRevocations> patRevocations;
  private final JsonMapper json;
  private final Clock clock;
  private final AtomicBoolean caughtUp = new AtomicBoolean();
  private volatile boolean running;
  private @Nullable Thread thread;
  private volatile @Nullable KafkaConsumer<String, String> consumer;

  UserStatusFollower(
      RevocationProperties properties,
      DisabledUsers disabled,
      RevokedSessions revokedSessions,
      List<PatRevocations> patRevocations,
      JsonMapper json,
      Clock clock) {
    this.properties = properties;
    this.disabled = disabled;
    this.revokedSessions = revokedSessions;
    this.patRevocations = List.copyOf(patRevocations);
    this.json = json;
    this.clock = clock;
  }

  boolean caughtUp() {
    return caughtUp.get();
  }

  @Override
  public void start() {
    running = true;
    Thread follower = new Thread(this::run, "user-status-follower");
    follower.setDaemon(true);
    thread = follower;
    follower.start();
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    Thread follower = thread;
    if (follower != null) {
      try {
        follower.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(config())) {
        consumer = kafka;
        follow(kafka);
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Reading user status events failed; retrying: {}", e.toString());
        sleep();
      } finally {
        consumer = null;
      }
    }
  }

  private void follow(KafkaConsumer<String, String> kafka) {
    List<TopicPartition> partitions = partitions(kafka);
    kafka.assign(partitions);
    Map<TopicPartition, Long> from = new HashMap<>();
    long since = clock.millis() - properties.replayWindow().toMillis();
    partitions.forEach(partition -> from.put(partition, since));
    Map<TopicPartition, OffsetAndTimestamp> offsets = kafka.offsetsForTimes(from);
    Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp offset = offsets.get(partition);
      kafka.seek(partition, offset == null ? ends.getOrDefault(partition, 0L) : offset.offset());
    }
    while (running) {
      for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
        apply(record.value());
      }
      if (!caughtUp.get()
          && partitions.stream().allMatch(p -> kafka.position(p) >= ends.getOrDefault(p, 0L))) {
        caughtUp.set(true);
        log.info(
            "User status caught up: {} disabled user(s), {} revoked session(s)",
            disabled.size(),
            revokedSessions.size());
      }
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, String> kafka) {
    List<PartitionInfo> infos =
        kafka.partitionsFor(Topics.AUTH_SERVER_EVENTS, Duration.ofSeconds(10));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + Topics.AUTH_SERVER_EVENTS + " not found");
    }
    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
  }

  private void apply(@Nullable String value) {
    if (value == null) {
      return;
    }
    try {
      JsonNode event = json.readTree(value);
      JsonNode owner = event.path("data").path("owner_id");
      String type = event.path("type").asString("");
      disabled.apply(type, owner.isString() ? owner.asString() : null);
      JsonNode entity = event.path("data").path("entity_id");
      if ((EventTypes.PAT_REVOKED.equals(type) || EventTypes.PAT_REGENERATED.equals(type))
          && entity.isString()) {
        patRevocations.forEach(listener -> listener.revoked(entity.asString()));
      }
      if (EventTypes.SESSION_REVOKED.equals(type) && entity.isString()) {
        revokedSessions.revoked(entity.asString(), tokensValidUntil(event));
      }
    } catch (RuntimeException e) {
      log.debug("Skipping an unreadable event: {}", e.getClass().getSimpleName());
    }
  }

  /**
   * Until when the session's tokens must be refused, as auth-server wrote it; an event without it
   * is kept for the replay window, which outlasts any access token.
   */
  private Instant tokensValidUntil(JsonNode event) {
    JsonNode until =
        event.path("data").path("changes").path("access_tokens_valid_until").path("before");
    if (until.isString()) {
      try {
        return Instant.parse(until.asString());
      } catch (DateTimeParseException e) {
        log.debug("Unreadable access_tokens_valid_until; keeping the session for the window");
      }
    }
    return clock.instant().plus(properties.replayWindow());
  }

  private Properties config() {
    Properties config = new Properties();
    config.putAll(properties.client());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-user-status");
    return config;
  }

  private void sleep() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
