package io.mcpmanager.kit.events;

import io.mcpmanager.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.annotation.KafkaListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link DisabledOwners} in step with auth-server's user.disabled / user.enabled events, read
 * from auth-server's own topic (which only auth-server's principal may write, so no other service
 * can enable a user). One consumer group per service ({@code <application>.user-status}): the table
 * is shared by the service's replicas, so one of them applying an event is enough. A new group
 * starts from the earliest retained event, so a service that first runs later learns earlier
 * disables.
 */
public class UserStatusListener {

  private static final Logger log = LoggerFactory.getLogger(UserStatusListener.class);

  private final DisabledOwners owners;
  private final JsonMapper json;

  public UserStatusListener(DisabledOwners owners, JsonMapper json) {
    this.owners = owners;
    this.json = json;
  }

  @KafkaListener(
      id = "${spring.application.name}.user-status",
      groupId = "${spring.application.name}.user-status",
      topics = Topics.AUTH_SERVER_EVENTS,
      properties = {"auto.offset.reset=earliest"})
  void onEvent(ConsumerRecord<String, String> record) {
    String value = record.value();
    if (value == null) {
      return;
    }
    JsonNode event;
    try {
      event = json.readTree(value);
    } catch (RuntimeException e) {
      log.debug("Skipping an unreadable event at offset {}", record.offset());
      return;
    }
    JsonNode owner = event.path("data").path("owner_id");
    String type = event.path("type").asString("");
    String ownerId = owner.isString() ? owner.asString() : null;
    // A disable must never be dropped: while the database fails, retry (the partition waits; the
    // apply is idempotent, so a redelivery after a rebalance is harmless).
    while (true) {
      try {
        owners.apply(type, ownerId);
        return;
      } catch (DataAccessException e) {
        log.warn("Storing user status failed; retrying: {}", e.getClass().getSimpleName());
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
