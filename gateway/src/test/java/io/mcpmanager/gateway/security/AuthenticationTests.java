package io.mcpmanager.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.gateway.testsupport.GatewayIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

class AuthenticationTests extends GatewayIntegrationTest {

  @Nested
  class WithoutAValidToken {

    @Test
    void shouldRejectMissingTokenWithProblemAndChallenge() {
      ResponseSpec response = gateway.get().uri("/api/integrations").exchange();

      expectUnauthorized(response, "A bearer token is required.");
      response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @Test
    void shouldRejectExpiredToken() {
      expectInvalidToken(issuer.expiredToken());
    }

    @Test
    void shouldRejectTokenSignedWithAnotherKey() {
      expectInvalidToken(issuer.forgedToken());
    }

    @Test
    void shouldRejectTokenFromAnotherIssuer() {
      expectInvalidToken(issuer.tokenFromAnotherIssuer());
    }

    @Test
    void shouldRejectTokenForAnotherAudience() {
      expectInvalidToken(issuer.tokenForAnotherAudience());
    }

    /** By default the gateway requires the user-facing audience, which no service token names. */
    @Test
    void shouldRejectAServiceTokenNamingOnlyItsCallee() {
      expectInvalidToken(issuer.tokenNamingOnly("integration-service"));
    }

    @Test
    void shouldRejectGarbageToken() {
      expectInvalidToken("not-a-jwt");
    }

    @Test
    void shouldNeverReachTheService() {
      String marker = "/api/integrations/never-" + UUID.randomUUID();
      gateway.get().uri(marker).headers(h -> h.setBearerAuth(issuer.forgedToken())).exchange();
      gateway.get().uri(marker).exchange();

      assertThat(backend.findAll(getRequestedFor(urlEqualTo(marker)))).isEmpty();
    }

    private void expectInvalidToken(String token) {
      ResponseSpec response =
          gateway.get().uri("/api/integrations").headers(h -> h.setBearerAuth(token)).exchange();

      expectUnauthorized(response, "The bearer token is invalid or has expired.");
      response
          .expectHeader()
          .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    }

    private void expectUnauthorized(ResponseSpec response, String detail) {
      response
          .expectStatus()
          .isUnauthorized()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectHeader()
          .exists("X-Request-Id")
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("https://mcp-manager.io/problems/unauthorized")
          .jsonPath("$.title")
          .isEqualTo("Unauthorized")
          .jsonPath("$.status")
          .isEqualTo(401)
          .jsonPath("$.detail")
          .isEqualTo(detail)
          .jsonPath("$.instance")
          .isEqualTo("/api/integrations")
          .jsonPath("$.trace")
          .doesNotExist()
          .jsonPath("$.exception")
          .doesNotExist();
    }
  }

  @Nested
  class WithAValidToken {

    @Test
    void shouldRelayAPublicPathWithATokenThatIsNotTheGatewaysToCheck() {
      // Brokering, OAuth callbacks and the per-server JWKS are authenticated by the service itself
      // (an MCP server's own signature); the broker path shares the strict limit, so this uses the
      // JWKS.
      String path = "/api/mcp/servers/" + UUID.randomUUID() + "/.well-known/jwks.json";
      backend.stubFor(get(path).willReturn(okJson("{\"keys\": []}")));
      String serverSigned = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJzZXJ2ZXIifQ.c2lnbmF0dXJl";

      gateway
          .get()
          .uri(path)
          .headers(h -> h.setBearerAuth(serverSigned))
          .exchange()
          .expectStatus()
          .isOk();

      backend.verify(
          getRequestedFor(urlEqualTo(path))
              .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + serverSigned)));
    }

    @Test
    void shouldStillRequireATokenNextToThePublicPaths() {
      gateway.get().uri("/api/mcp/servers").exchange().expectStatus().isUnauthorized();
      gateway.post().uri("/api/git/github/oauth/start").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void shouldRelayTheRequestWithItsAuthorizationHeader() {
      String path = "/api/integrations/" + UUID.randomUUID();
      backend.stubFor(get(path).willReturn(okJson("{\"id\": \"abc\"}")));
      String token = issuer.tokenForNewUser();

      gateway
          .get()
          .uri(path)
          .headers(h -> h.setBearerAuth(token))
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.id")
          .isEqualTo("abc");

      backend.verify(
          getRequestedFor(urlEqualTo(path))
              .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + token)));
    }

    @Test
    void shouldStripIdentityHeadersSentByTheCaller() {
      String path = "/api/integrations/" + UUID.randomUUID();
      backend.stubFor(get(path).willReturn(okJson("{}")));

      gateway
          .get()
          .uri(path)
          .headers(h -> h.setBearerAuth(issuer.tokenForNewUser()))
          .header("X-User-Id", "admin")
          .header("X-User-Roles", "ADMIN")
          .header("X-Forwarded-User", "admin")
          .header("X-Mcpm-Owner-Id", "someone-else")
          .header("x-mcpm-impersonate", "true")
          .header("X-Custom-Kept", "kept")
          .exchange()
          .expectStatus()
          .isOk();

      backend.verify(
          getRequestedFor(urlEqualTo(path))
              .withHeader("X-User-Id", absent())
              .withHeader("X-User-Roles", absent())
              .withHeader("X-Forwarded-User", absent())
              .withHeader("X-Mcpm-Owner-Id", absent())
              .withHeader("X-Mcpm-Impersonate", absent())
              .withHeader("X-Custom-Kept", equalTo("kept")));
    }

    @Test
    void shouldTellTheServiceTheRealClientAddressNotTheOneTheCallerClaims() {
      String path = "/api/integrations/" + UUID.randomUUID();
      backend.stubFor(get(path).willReturn(okJson("{}")));

      gateway
          .get()
          .uri(path)
          .headers(h -> h.setBearerAuth(issuer.tokenForNewUser()))
          .header("X-Forwarded-For", "203.0.113.66")
          .header("X-Real-IP", "203.0.113.66")
          .header("Forwarded", "for=203.0.113.66;proto=https")
          .header("X-Forwarded-Host", "evil.example")
          .exchange()
          .expectStatus()
          .isOk();

      backend.verify(
          getRequestedFor(urlEqualTo(path))
              .withHeader("X-Forwarded-For", equalTo("127.0.0.1"))
              .withHeader("X-Forwarded-Proto", equalTo("http"))
              .withHeader("X-Real-IP", absent())
              .withHeader("Forwarded", absent())
              .withHeader("X-Forwarded-Host", absent()));
    }

    @Test
    void shouldPropagateRequestIdAndW3cTraceContext() {
      String path = "/api/mcp/servers/" + UUID.randomUUID();
      backend.stubFor(get(path).willReturn(okJson("[]")));
      String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

      gateway
          .get()
          .uri(path)
          .headers(h -> h.setBearerAuth(issuer.tokenForNewUser()))
          .header("X-Request-Id", "req-123")
          .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .valueEquals("X-Request-Id", "req-123");

      backend.verify(
          getRequestedFor(urlEqualTo(path))
              .withHeader("X-Request-Id", equalTo("req-123"))
              .withHeader("traceparent", matching("00-" + traceId + "-[0-9a-f]{16}-0[01]")));
    }

    @Test
    void shouldReplaceAMalformedRequestIdWithAGeneratedOne() {
      String path = "/api/mcp/servers/" + UUID.randomUUID();
      backend.stubFor(get(path).willReturn(okJson("[]")));

      String returned =
          gateway
              .get()
              .uri(path)
              .headers(h -> h.setBearerAuth(issuer.tokenForNewUser()))
              .header("X-Request-Id", "bad id with spaces <script>")
              .exchange()
              .expectStatus()
              .isOk()
              .returnResult(String.class)
              .getResponseHeaders()
              .getFirst("X-Request-Id");

      assertThat(returned).matches("[0-9a-f-]{36}");
      backend.verify(
          getRequestedFor(urlPathMatching(path)).withHeader("X-Request-Id", equalTo(returned)));
    }
  }
}
