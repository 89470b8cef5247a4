package io.mcpmanager.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.gateway.testsupport.GatewayIntegrationTest;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class BrowserHardeningTests extends GatewayIntegrationTest {

  private static final String FRONTEND = "http://localhost:5173";

  @Autowired ApplicationContext context;

  @Test
  void shouldSendSecurityHeadersOnRelayedResponses() {
    String path = "/api/integrations/" + UUID.randomUUID();
    backend.stubFor(get(path).willReturn(aResponse().withStatus(200).withBody("{}")));

    gateway
        .get()
        .uri(path)
        .headers(h -> h.setBearerAuth(issuer.tokenForNewUser()))
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("X-Frame-Options", "DENY")
        .expectHeader()
        .valueEquals("Referrer-Policy", "no-referrer")
        .expectHeader()
        .valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }

  @Test
  void shouldSendSecurityHeadersOnErrors() {
    gateway
        .get()
        .uri("/api/integrations")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("X-Frame-Options", "DENY")
        .expectHeader()
        .valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/integrations/abc%3B",
        "/api/integrations/%2e%2e%2fx",
        "/api/integrations/a%00"
      })
  void shouldAnswerAPathTheFirewallRejectsWithAProblemAndTheSecurityHeaders(String path) {
    gateway
        .delete()
        .uri(URI.create("http://localhost:" + port + path))
        .headers(h -> h.setBearerAuth(issuer.tokenForNewUser()))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("X-Frame-Options", "DENY")
        .expectHeader()
        .valueEquals("Referrer-Policy", "no-referrer")
        .expectHeader()
        .valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        .expectHeader()
        .exists("X-Request-Id")
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://mcp-manager.io/problems/bad-request")
        .jsonPath("$.detail")
        .isEqualTo(
            "The request path or a header holds a character or encoding that is not allowed");
    assertThat(backend.findAll(deleteRequestedFor(urlPathMatching("/api/integrations/.*"))))
        .isEmpty();
  }

  @Test
  void shouldSendHstsOverHttpsOnly() {
    WebTestClient https =
        WebTestClient.bindToApplicationContext(context)
            .configureClient()
            .baseUrl("https://gateway.example")
            .build();

    https
        .get()
        .uri("/api/integrations")
        .exchange()
        .expectHeader()
        .valueEquals("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
    gateway
        .get()
        .uri("/api/integrations")
        .exchange()
        .expectHeader()
        .doesNotExist("Strict-Transport-Security");
  }

  @Test
  void shouldAnswerPreflightFromAnAllowedOriginWithoutAToken() {
    gateway
        .options()
        .uri("/api/integrations")
        .header(HttpHeaders.ORIGIN, FRONTEND)
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, FRONTEND)
        .expectHeader()
        .value(
            HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
            methods -> assertThat(methods).contains("POST"));
  }

  @Test
  void shouldRequireATokenForOptionsRequestsThatAreNotPreflights() {
    gateway.options().uri("/api/integrations").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void shouldRefusePreflightFromAnotherOrigin() {
    gateway
        .method(HttpMethod.OPTIONS)
        .uri("/api/integrations")
        .header(HttpHeaders.ORIGIN, "https://evil.example")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
  }

  @Test
  void shouldAnswerWithTheGatewaysCorsHeadersOnlyEvenIfTheServiceSendsItsOwn() {
    String path = "/api/integrations/" + UUID.randomUUID();
    backend.stubFor(
        get(path)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .withBody("{}")));

    gateway
        .get()
        .uri(path)
        .header(HttpHeaders.ORIGIN, FRONTEND)
        .headers(h -> h.setBearerAuth(issuer.tokenForNewUser()))
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valuesMatch(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, FRONTEND)
        .expectHeader()
        .value(
            HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
            exposed ->
                assertThat(exposed).contains("X-Request-Id").contains("RateLimit-Remaining"));
  }
}
