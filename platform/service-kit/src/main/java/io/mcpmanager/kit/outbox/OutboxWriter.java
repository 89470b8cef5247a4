package io.mcpmanager.kit.outbox;

import io.mcpmanager.events.CloudEvent;
import io.mcpmanager.events.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an event into the outbox table. It must run inside the transaction that makes the change
 * (hence MANDATORY): the change and its event commit or roll back together.
 */
public class OutboxWriter {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public OutboxWriter(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void append(CloudEvent event) {
    append(Topics.CREDENTIAL_EVENTS, event);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void append(String topic, CloudEvent event) {
    jdbc.sql(
            """
            INSERT INTO outbox_event (id, topic, message_key, payload, created_at)
            VALUES (:id, :topic, :key, CAST(:payload AS jsonb), clock_timestamp())""")
        .param("id", event.id())
        .param("topic", topic)
        .param("key", event.partitionkey())
        .param("payload", json.writeValueAsString(event))
        .update();
  }
}
