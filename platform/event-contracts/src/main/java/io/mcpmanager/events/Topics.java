package io.mcpmanager.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Kafka topic names, named once for every producer and consumer.
 *
 * <p>Each producing service writes its events to a topic of its own, {@code mcpm.events.<service>},
 * and the broker's ACLs let only that service's principal write it. Kafka does not tell a consumer
 * who produced a record, but the topic does: a consumer trusts an event's {@code source} only when
 * it names the topic's producer ({@link #producerOf(String)}).
 */
public final class Topics {

  /** Every producer's events topic starts with this; the rest is the producer's service name. */
  public static final String EVENTS_PREFIX = "mcpm.events.";

  /** auth-server's events (users, logins, sessions, signing keys); key = user id. */
  public static final String AUTH_SERVER_EVENTS = EVENTS_PREFIX + "auth-server";

  /** integration-service's credential events; key = owning user id. */
  public static final String INTEGRATION_SERVICE_EVENTS = EVENTS_PREFIX + "integration-service";

  /** git-connection-service's credential events; key = owning user id. */
  public static final String GIT_CONNECTION_SERVICE_EVENTS =
      EVENTS_PREFIX + "git-connection-service";

  /** mcp-server-service's credential events (keys, brokering); key = owning user id. */
  public static final String MCP_SERVER_SERVICE_EVENTS = EVENTS_PREFIX + "mcp-server-service";

  /** The producers' topics, which audit-service reads all of. */
  public static final List<String> EVENT_TOPICS =
      List.of(
          AUTH_SERVER_EVENTS,
          INTEGRATION_SERVICE_EVENTS,
          GIT_CONNECTION_SERVICE_EVENTS,
          MCP_SERVER_SERVICE_EVENTS);

  /** Topics only audit-service writes: the dead letters and its checkpoints. */
  public static final String AUDIT_PREFIX = "mcpm.audit.";

  /** Signed audit checkpoints (key = seq), audit-service's default checkpoint topic. */
  public static final String AUDIT_CHECKPOINTS = AUDIT_PREFIX + "checkpoints";

  /**
   * Events the audit service could not parse, store or trust, with the reason in headers. Only
   * audit-service writes it.
   */
  public static final String DEAD_LETTERS = AUDIT_PREFIX + "dead-letters";

  private Topics() {}

  /** The topic a producing service (its {@code spring.application.name}) writes its events to. */
  public static String eventsOf(String service) {
    return EVENTS_PREFIX + service;
  }

  /** The service that alone may write an events topic; empty for any other topic. */
  public static Optional<String> producerOf(String topic) {
    return topic.startsWith(EVENTS_PREFIX) && topic.length() > EVENTS_PREFIX.length()
        ? Optional.of(topic.substring(EVENTS_PREFIX.length()))
        : Optional.empty();
  }

  /** Topic → producing service, for the topics in {@link #EVENT_TOPICS}. */
  public static Map<String, String> producers() {
    return EVENT_TOPICS.stream()
        .collect(
            Collectors.toUnmodifiableMap(topic -> topic, topic -> producerOf(topic).orElseThrow()));
  }
}
