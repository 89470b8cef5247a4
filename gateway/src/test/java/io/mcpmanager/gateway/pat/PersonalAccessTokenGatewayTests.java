package io.mcpmanager.gateway.pat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.events.Topics;
import io.mcpmanager.gateway.testsupport.GatewayIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Personal access tokens through the gateway, with WireMock as auth-server's internal endpoints and
 * as the service behind the route: the service sees the minted JWT, never the PAT.
 */
class PersonalAccessTokenGatewayTests extends GatewayIntegrationTest {

  private static final String RESOLVE = "/internal/pats/resolve";
  private static final String USAGE = "/internal/pats/usage";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${mcpm.gateway.revocation.bootstrap-servers}")
  String bootstrapServers;

  @BeforeEach
  void acceptUsageReports() {
    backend.stubFor(post(urlPathEqualTo(USAGE)).willReturn(aResponse().withStatus(204)));
  }

  @Test
  void shouldForwardTheMintedJwtInsteadOfTheToken() {
    Pat pat = activePat(List.of());
    String path = servicePath();

    gateway
        .get()
        .uri(path)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + pat.token())
        .exchange()
        .expectStatus()
        .isOk();

    List<LoggedRequest> received = backend.findAll(getRequestedFor(urlPathEqualTo(path)));
    assertThat(received).hasSize(1);
    assertThat(received.getFirst().getHeader(HttpHeaders.AUTHORIZATION))
        .isEqualTo("Bearer " + pat.jwt());
    assertThat(received.getFirst().getBodyAsString() + received.getFirst().getHeaders())
        .doesNotContain(pat.token());
    // The gateway authenticated itself to auth-server with its own service token.
    assertThat(resolveCalls(pat.token()))
        .singleElement()
        .satisfies(
            call -> assertThat(call.getHeader(HttpHeaders.AUTHORIZATION)).startsWith("Bearer ey"));
  }

  @Test
  void shouldRefuseABadChecksumWithoutAskingAuthServer() {
    String typo = TestPats.withTypo(TestPats.newToken(), 20);

    gateway
        .get()
        .uri(servicePath())
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + typo)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://mcp-manager.io/problems/unauthorized");

    assertThat(resolveCalls(typo)).isEmpty();
  }

  @Test
  void shouldRefuseATokenAuthServerDoesNotKnow() {
    String token = TestPats.newToken();
    stubResolve(token, "{\"active\": false}");

    gateway
        .get()
        .uri(servicePath())
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .exchange()
        .expectStatus()
        .isUnauthorized();

    assertThat(resolveCalls(token)).hasSize(1);
  }

  @Test
  void shouldRefuseARevokedTokenWithinFiveSeconds() {
    Pat pat = activePat(List.of());
    String path = servicePath();
    gateway
        .get()
        .uri(path)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + pat.token())
        .exchange()
        .expectStatus()
        .isOk();

    stubResolve(pat.token(), "{\"active\": false}");
    long revokedAt = System.nanoTime();

    await()
        .atMost(Duration.ofMillis(5_500))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                gateway
                        .get()
                        .uri(path)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + pat.token())
                        .exchange()
                        .returnResult(byte[].class)
                        .getStatus()
                        .value()
                    == 401);
    assertThat(Duration.ofNanos(System.nanoTime() - revokedAt))
        .isLessThan(Duration.ofMillis(5_500));
    // Within the cache period the answer was reused, not asked for on every request.
    assertThat(resolveCalls(pat.token())).hasSizeBetween(2, 3);
  }

  @Test
  void shouldDropACachedTokenAtOnceWhenAuthServerPublishesItsRevocation() throws Exception {
    Pat pat = activePat(List.of());
    String path = servicePath();
    gateway
        .get()
        .uri(path)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + pat.token())
        .exchange()
        .expectStatus()
        .isOk();
    stubResolve(pat.token(), "{\"active\": false}");

    publishRevoked(pat.id());

    // Well inside the 5 s the cached answer would otherwise still be used.
    await()
        .atMost(Duration.ofMillis(2_500))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status(path, pat.token()) == 401);
  }

  @Test
  void shouldRefuseARequestFromOutsideTheTokensNetworks() {
    Pat elsewhere = activePat(List.of("10.0.0.0/8", "2001:db8::/32"));
    Pat loopback = activePat(List.of("127.0.0.0/8"));
    String path = servicePath();

    gateway
        .get()
        .uri(path)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + elsewhere.token())
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://mcp-manager.io/problems/forbidden");
    gateway
        .get()
        .uri(path)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + loopback.token())
        .exchange()
        .expectStatus()
        .isOk();

    assertThat(backend.findAll(getRequestedFor(urlPathEqualTo(path)))).hasSize(1);
  }

  @Test
  void shouldRefuseATokenOnTheAccountAndAdminApisWithoutAskingAuthServer() {
    String token = TestPats.newToken();

    for (String path : new String[] {"/api/account/tokens", "/api/admin/users"}) {
      gateway
          .get()
          .uri(path)
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
          .exchange()
          .expectStatus()
          .isForbidden();
    }

    assertThat(resolveCalls(token)).isEmpty();
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenAuthServerFails() {
    String token = TestPats.newToken();
    backend.stubFor(
        post(urlPathEqualTo(RESOLVE))
            .withRequestBody(matchingJsonPath("$.token", equalTo(token)))
            .willReturn(aResponse().withStatus(500)));

    gateway
        .get()
        .uri(servicePath())
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals(HttpHeaders.RETRY_AFTER, "7");
  }

  @Test
  void shouldReportTheUsesInBatchesWithTheLastClientAndUserAgent() {
    Pat pat = activePat(List.of());
    String path = servicePath();
    for (int i = 0; i < 3; i++) {
      gateway
          .get()
          .uri(path)
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + pat.token())
          .header(HttpHeaders.USER_AGENT, "mcpm-cli/" + i)
          .exchange()
          .expectStatus()
          .isOk();
    }

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(reportedUses(pat.id())).isEqualTo(3));
    Map<String, Object> last = reports(pat.id()).getLast();
    assertThat(last)
        .containsEntry("last_used_ip", "127.0.0.1")
        .containsEntry("last_used_user_agent", "mcpm-cli/2")
        .containsKey("last_used_at");
  }

  private record Pat(String token, String id, String jwt) {}

  private int status(String path, String token) {
    return gateway
        .get()
        .uri(path)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .exchange()
        .returnResult(byte[].class)
        .getStatus()
        .value();
  }

  private void publishRevoked(String patId) throws Exception {
    String owner = UUID.randomUUID().toString();
    String event =
        """
        {"specversion":"1.0","id":"%s","source":"auth-server","type":"%s","subject":"%s",
         "time":"%s","datacontenttype":"application/json","partitionkey":"%s",
         "data":{"actor":{"kind":"USER","id":"%s"},"owner_id":"%s",
                 "entity_type":"personal_access_token","entity_id":"%s","action":"revoke",
                 "outcome":"success","changes":{}}}
        """
            .formatted(
                UUID.randomUUID(),
                EventTypes.PAT_REVOKED,
                patId,
                Instant.now(),
                owner,
                owner,
                owner,
                patId);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(Topics.AUTH_SERVER_EVENTS, owner, event)).get();
    }
  }

  private Pat activePat(List<String> cidrs) {
    String token = TestPats.newToken();
    String id = UUID.randomUUID().toString();
    String owner = "pat-owner-" + UUID.randomUUID();
    String jwt = issuer.patAccessToken(owner, id, "integrations:read");
    stubResolve(
        token,
        JSON.writeValueAsString(
            Map.of(
                "active", true,
                "pat_id", id,
                "owner_id", owner,
                "scopes", List.of("integrations:read"),
                "allowed_cidrs", cidrs,
                "access_token", jwt)));
    return new Pat(token, id, jwt);
  }

  private void stubResolve(String token, String body) {
    backend.stubFor(
        post(urlPathEqualTo(RESOLVE))
            .withRequestBody(matchingJsonPath("$.token", equalTo(token)))
            .willReturn(okJson(body)));
  }

  private String servicePath() {
    String path = "/api/integrations/pat-" + UUID.randomUUID();
    backend.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{}")));
    return path;
  }

  private List<LoggedRequest> resolveCalls(String token) {
    return backend.findAll(
        postRequestedFor(urlPathEqualTo(RESOLVE))
            .withRequestBody(matchingJsonPath("$.token", equalTo(token))));
  }

  private List<Map<String, Object>> reports(String patId) {
    return backend.findAll(postRequestedFor(urlPathEqualTo(USAGE))).stream()
        .map(
            request ->
                JSON.readValue(
                    request.getBodyAsString(),
                    new TypeReference<Map<String, List<Map<String, Object>>>>() {}))
        .flatMap(report -> report.get("uses").stream())
        .filter(use -> patId.equals(use.get("pat_id")))
        .toList();
  }

  private long reportedUses(String patId) {
    return reports(patId).stream().mapToLong(use -> ((Number) use.get("count")).longValue()).sum();
  }
}
