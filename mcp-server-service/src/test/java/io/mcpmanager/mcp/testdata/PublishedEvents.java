package io.mcpmanager.mcp.testdata;

import io.mcpmanager.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Collects the credential events the service published to Kafka (through its outbox). */
@Component
public class PublishedEvents {

  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final JsonMapper json;

  PublishedEvents(JsonMapper json) {
    this.json = json;
  }

  @KafkaListener(topics = Topics.MCP_SERVER_SERVICE_EVENTS, groupId = "mcp-server-service-tests")
  void on(String payload) {
    events.add(json.readTree(payload));
  }

  /**
   * Waits for an event of {@code type} about {@code entityId} that also matches {@code condition}.
   */
  public JsonNode await(String type, String entityId, Predicate<JsonNode> condition) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> find(type, entityId, condition), e -> e != null);
  }

  public JsonNode await(String type, String entityId) {
    return await(type, entityId, e -> true);
  }

  public List<JsonNode> all() {
    return List.copyOf(events);
  }

  private JsonNode find(String type, String entityId, Predicate<JsonNode> condition) {
    return events.stream()
        .filter(e -> type.equals(e.path("type").asString()))
        .filter(e -> entityId.equals(e.path("subject").asString()))
        .filter(condition)
        .findFirst()
        .orElse(null);
  }
}
