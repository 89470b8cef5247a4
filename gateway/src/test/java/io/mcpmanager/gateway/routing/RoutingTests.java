package io.mcpmanager.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.gateway.testsupport.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

class RoutingTests extends GatewayIntegrationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/internal/credentials/42",
        "/internal/integrations",
        "/actuator/health",
        "/actuator/prometheus",
        "/actuator/gateway/routes",
        "/api/unknown-service/x",
        "/"
      })
  void shouldAnswerNotFoundForPathsThatAreNotRouted(String path) {
    gateway
        .get()
        .uri(path)
        .headers(h -> h.setBearerAuth(issuer.tokenForNewUser()))
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://mcp-manager.io/problems/not-found")
        .jsonPath("$.status")
        .isEqualTo(404);

    assertThat(backend.findAll(anyRequestedFor(urlPathMatching("/(internal|actuator)/.*"))))
        .isEmpty();
  }

  @Test
  void shouldServeProbesAndPrometheusOnTheManagementPort() {
    management
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
    management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

    String metrics =
        management
            .get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"gateway\"");
  }

  @Test
  void shouldNotExposeTheGatewayActuatorEndpointAnywhere() {
    management.get().uri("/actuator/gateway/routes").exchange().expectStatus().isNotFound();
    management.get().uri("/actuator/gateway").exchange().expectStatus().isNotFound();
  }

  @ParameterizedTest
  @ValueSource(strings = {"integration-service", "mcp-server-service", "auth-server"})
  void shouldServeEachServicesApiDocumentWithoutAToken(String service) {
    backend.stubFor(
        get(urlPathEqualTo("/v3/api-docs"))
            .willReturn(okJson("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"x\"}}")));

    gateway
        .get()
        .uri("/v3/api-docs/" + service)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.openapi")
        .isEqualTo("3.1.0");

    assertThat(backend.findAll(getRequestedFor(urlPathEqualTo("/v3/api-docs")))).isNotEmpty();
  }

  @Test
  void shouldNotRouteApiDocumentsOfUnknownServicesOrOtherMethods() {
    gateway.get().uri("/v3/api-docs/discovery").exchange().expectStatus().isNotFound();
    gateway.post().uri("/v3/api-docs/integration-service").exchange().expectStatus().isNotFound();
    assertThat(backend.findAll(postRequestedFor(urlPathMatching("/v3/.*")))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"git-connection-service", "audit-service"})
  void shouldRouteTheApiDocumentOfAServiceThatIsDownToAProblemWithRetryAfter(String service) {
    gateway
        .get()
        .uri("/v3/api-docs/" + service)
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .exists("Retry-After")
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
