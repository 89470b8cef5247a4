package io.mcpmanager.gateway.revocation;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpmanager.events.EventTypes;
import io.mcpmanager.events.Topics;
import io.mcpmanager.gateway.testsupport.GatewayIntegrationTest;
import io.mcpmanager.gateway.testsupport.GatewayReplica;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A signed-out session's tokens ({@code sid}) are refused within 5 s of {@code session.revoked} on
 * every gateway replica, including one that starts after the event; the user's other sessions keep
 * working.
 */
class SessionRevocationTests extends GatewayIntegrationTest {

  private static ConfigurableApplicationContext secondReplica;

  @Value("${mcpm.gateway.revocation.bootstrap-servers}")
  String bootstrapServers;

  @AfterAll
  static void stopSecondReplica() {
    if (secondReplica != null) {
      secondReplica.close();
    }
  }

  @Test
  void shouldRefuseASignedOutSessionOnEveryReplicaWithinFiveSeconds() throws Exception {
    String path = "/api/integrations/session-" + UUID.randomUUID();
    backend.stubFor(get(urlEqualTo(path)).willReturn(okJson("{}")));
    String user = UUID.randomUUID().toString();
    String laptopSession = "session-" + UUID.randomUUID();
    String laptop = issuer.tokenForSession(user, laptopSession);
    String phoneSession = "session-" + UUID.randomUUID();
    String phone = issuer.tokenForSession(user, phoneSession);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> status(gateway, path, laptop) == HttpStatus.OK);

    publishRevoked(user, laptopSession);

    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> status(gateway, path, laptop) == HttpStatus.UNAUTHORIZED);
    gateway
        .get()
        .uri(path)
        .headers(h -> h.setBearerAuth(laptop))
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    assertThat(status(gateway, path, phone)).isEqualTo(HttpStatus.OK);

    // A replica that starts later replays the window and refuses the session from the start.
    secondReplica =
        GatewayReplica.start(
            Map.of(
                "mcpm.gateway.rate-limit.store",
                "memory",
                "mcpm.gateway.revocation.bootstrap-servers",
                bootstrapServers));
    WebTestClient second = GatewayReplica.client(secondReplica);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                secondReplica.getBean(RevocationHealthIndicator.class).health().getStatus()
                    == Status.UP);
    assertThat(status(second, path, laptop)).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(status(second, path, phone)).isEqualTo(HttpStatus.OK);

    // Both replicas follow the events live.
    publishRevoked(user, phoneSession);

    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                status(gateway, path, phone) == HttpStatus.UNAUTHORIZED
                    && status(second, path, phone) == HttpStatus.UNAUTHORIZED);
    assertThat(status(second, path, issuer.tokenForSession(user, "session-" + UUID.randomUUID())))
        .isEqualTo(HttpStatus.OK);
  }

  private static HttpStatus status(WebTestClient client, String path, String token) {
    return HttpStatus.valueOf(
        client
            .get()
            .uri(path)
            .headers(h -> h.setBearerAuth(token))
            .exchange()
            .returnResult(String.class)
            .getStatus()
            .value());
  }

  /** session.revoked as auth-server's outbox relay writes it (no token, no secret). */
  private void publishRevoked(String userId, String sessionId) throws Exception {
    String event =
        """
        {"specversion":"1.0","id":"%s","source":"auth-server","type":"%s","subject":"%s",
         "time":"%s","datacontenttype":"application/json","partitionkey":"%s",
         "data":{"actor":{"kind":"USER","id":"%s"},"owner_id":"%s","entity_type":"session",
                 "entity_id":"%s","action":"revoke","outcome":"success",
                 "changes":{"client_id":{"before":"web-frontend","after":null},
                            "access_tokens_valid_until":{"before":"%s","after":null}}}}
        """
            .formatted(
                UUID.randomUUID(),
                EventTypes.SESSION_REVOKED,
                sessionId,
                Instant.now(),
                userId,
                userId,
                userId,
                sessionId,
                Instant.now().plus(Duration.ofMinutes(10)));
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(Topics.AUTH_SERVER_EVENTS, userId, event)).get();
    }
  }
}
