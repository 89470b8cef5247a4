package io.mcpmanager.auth.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON calls to the admin API with a bearer token, and the events they left in the outbox. */
public final class Api {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  public Api(String base) {
    this.base = base;
  }

  public HttpResponse<String> get(String path, String token) {
    return send(request(path, token).GET());
  }

  public HttpResponse<String> post(String path, String token, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
  }

  public HttpResponse<String> delete(String path, String token) {
    return send(request(path, token).DELETE());
  }

  public static Map<String, Object> object(String body) {
    return JSON.readValue(body, new TypeReference<Map<String, Object>>() {});
  }

  public static List<Map<String, Object>> array(String body) {
    return JSON.readValue(body, new TypeReference<List<Map<String, Object>>>() {});
  }

  /** Payloads (CloudEvents JSON) of the outbox events of a type about an entity, oldest first. */
  public static List<Map<String, Object>> events(JdbcClient jdbc, String type, String entityId) {
    return jdbc
        .sql(
            """
            SELECT payload::text FROM outbox_event
            WHERE payload->>'type' = :type AND payload->'data'->>'entity_id' IS NOT DISTINCT FROM :entity
            ORDER BY created_at""")
        .param("type", type)
        .param("entity", entityId)
        .query(String.class)
        .list()
        .stream()
        .map(Api::object)
        .toList();
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
