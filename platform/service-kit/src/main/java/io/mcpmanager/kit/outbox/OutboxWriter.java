package io.mcpmanager.kit.outbox;

import io.mcpmanager.events.CloudEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an event into the outbox table. It must run inside the transaction that makes the change
 * (hence MANDATORY): the change and its event commit or roll back together. Every event goes to the
 * service's own topic ({@code Topics.eventsOf(application name)}), the only one the broker lets its
 * principal write.
 */
public class OutboxWriter {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final String topic;

  public OutboxWriter(JdbcClient jdbc, JsonMapper json, String topic) {
    this.jdbc = jdbc;
    this.json = json;
    this.topic = topic;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void append(CloudEvent event) {
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
