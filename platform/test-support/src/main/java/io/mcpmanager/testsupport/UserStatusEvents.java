package io.mcpmanager.testsupport;

import io.mcpmanager.events.EventTypes;
import io.mcpmanager.events.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes auth-server's user.disabled / user.enabled events (as its outbox relay writes them) to
 * the real broker of a test, for the consumers of user status.
 */
public final class UserStatusEvents {

  private UserStatusEvents() {}

  public static void disabled(String bootstrapServers, String userId) {
    publish(bootstrapServers, EventTypes.USER_DISABLED, userId);
  }

  public static void enabled(String bootstrapServers, String userId) {
    publish(bootstrapServers, EventTypes.USER_ENABLED, userId);
  }

  private static void publish(String bootstrapServers, String type, String userId) {
    String event =
        """
        {"specversion":"1.0","id":"%s","source":"auth-server","type":"%s","subject":"%s",\
        "time":"%s","datacontenttype":"application/json","partitionkey":"%s",\
        "data":{"actor":{"kind":"USER","id":"admin"},"owner_id":"%s","entity_type":"user",\
        "entity_id":"%s","action":"%s","outcome":"SUCCESS","changes":{}}}"""
            .formatted(
                UUID.randomUUID(),
                type,
                userId,
                Instant.now(),
                userId,
                userId,
                userId,
                type.endsWith("disabled") ? "disable" : "enable");
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(Topics.AUTH_SERVER_EVENTS, userId, event)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing " + type + " failed", e.getCause());
    }
  }
}
