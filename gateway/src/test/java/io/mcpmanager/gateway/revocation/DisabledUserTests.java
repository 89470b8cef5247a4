package io.mcpmanager.gateway.revocation;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpmanager.events.EventTypes;
import io.mcpmanager.events.Topics;
import io.mcpmanager.gateway.testsupport.GatewayIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** A user's valid token is refused within seconds of user.disabled, and accepted after enabled. */
class DisabledUserTests extends GatewayIntegrationTest {

  @Value("${mcpm.gateway.revocation.bootstrap-servers}")
  String bootstrapServers;

  @Test
  void shouldRefuseTokensOfADisabledUserUntilEnabledAgain() throws Exception {
    String path = "/api/integrations/revocation-" + UUID.randomUUID();
    backend.stubFor(get(urlEqualTo(path)).willReturn(okJson("{}")));
    String user = UUID.randomUUID().toString();
    String token = issuer.tokenFor(user);
    String bystander = issuer.tokenForNewUser();
    await().atMost(Duration.ofSeconds(20)).until(() -> status(path, token) == HttpStatus.OK);

    publish(EventTypes.USER_DISABLED, user);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> status(path, token) == HttpStatus.UNAUTHORIZED);
    gateway
        .get()
        .uri(path)
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    gateway
        .get()
        .uri(path)
        .headers(h -> h.setBearerAuth(bystander))
        .exchange()
        .expectStatus()
        .isOk();

    publish(EventTypes.USER_ENABLED, user);

    await().atMost(Duration.ofSeconds(5)).until(() -> status(path, token) == HttpStatus.OK);
  }

  /**
   * Only auth-server's principal may write auth-server's topic; a user.disabled on any other topic
   * (here integration-service's, claiming to come from auth-server) is not the gateway's concern.
   */
  @Test
  void shouldFollowUserStatusOnAuthServersTopicOnly() throws Exception {
    String path = "/api/integrations/revocation-" + UUID.randomUUID();
    backend.stubFor(get(urlEqualTo(path)).willReturn(okJson("{}")));
    String elsewhere = UUID.randomUUID().toString();
    String marker = UUID.randomUUID().toString();
    String elsewhereToken = issuer.tokenFor(elsewhere);
    String markerToken = issuer.tokenFor(marker);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> status(path, elsewhereToken) == HttpStatus.OK);

    publish(Topics.INTEGRATION_SERVICE_EVENTS, EventTypes.USER_DISABLED, elsewhere);
    publish(EventTypes.USER_DISABLED, marker);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> status(path, markerToken) == HttpStatus.UNAUTHORIZED);
    assertThat(status(path, elsewhereToken)).isEqualTo(HttpStatus.OK);
    publish(EventTypes.USER_ENABLED, marker);
  }

  private HttpStatus status(String path, String token) {
    return HttpStatus.valueOf(
        gateway
            .get()
            .uri(path)
            .headers(h -> h.setBearerAuth(token))
            .exchange()
            .returnResult(String.class)
            .getStatus()
            .value());
  }

  private void publish(String type, String userId) throws Exception {
    publish(Topics.AUTH_SERVER_EVENTS, type, userId);
  }

  private void publish(String topic, String type, String userId) throws Exception {
    String event =
        """
        {"specversion":"1.0","id":"%s","source":"auth-server","type":"%s","subject":"%s",
         "time":"%s","datacontenttype":"application/json","partitionkey":"%s",
         "data":{"actor":{"kind":"USER","id":"admin"},"owner_id":"%s","entity_type":"user",
                 "entity_id":"%s","action":"x","outcome":"success","changes":{}}}
        """
            .formatted(UUID.randomUUID(), type, userId, Instant.now(), userId, userId, userId);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(topic, userId, event)).get();
    }
  }
}
