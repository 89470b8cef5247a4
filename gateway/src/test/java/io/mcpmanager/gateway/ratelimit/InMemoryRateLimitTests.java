package io.mcpmanager.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.gateway.testsupport.GatewayIntegrationTest;
import io.mcpmanager.gateway.testsupport.GatewayTestProperties;
import io.mcpmanager.gateway.testsupport.RateLimitedCalls;
import io.mcpmanager.gateway.testsupport.RateLimitedCalls.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * A single gateway with {@code store=memory}: default 5 tokens + 1 per 5 s, sensitive 2 + 1 per
 * minute.
 */
class InMemoryRateLimitTests extends GatewayIntegrationTest {

  @BeforeEach
  void stubServices() {
    backend.stubFor(
        any(urlPathMatching("/api/(integrations|mcp|git)/.*")).willReturn(okJson("{}")));
  }

  @Test
  void shouldLimitAUserToTheBurstAndAnswerTooManyRequestsAsProblem() {
    String token = issuer.tokenForNewUser();
    long started = System.nanoTime();

    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < GatewayTestProperties.DEFAULT_CAPACITY + 4; i++) {
      outcomes.add(RateLimitedCalls.call(gateway, HttpMethod.GET, "/api/integrations/list", token));
    }

    long accepted = RateLimitedCalls.accepted(outcomes);
    assertThat(accepted)
        .isGreaterThanOrEqualTo(GatewayTestProperties.DEFAULT_CAPACITY)
        .isLessThanOrEqualTo(
            RateLimitedCalls.maxAccepted(
                GatewayTestProperties.DEFAULT_CAPACITY,
                1,
                GatewayTestProperties.DEFAULT_REFILL_PERIOD_MS,
                started));
    RateLimitedCalls.assertRejectionsAreProblems(outcomes);
    assertThat(outcomes.getFirst().headers().getFirst("RateLimit-Limit")).isEqualTo("5");
    assertThat(outcomes.getFirst().headers().getFirst("RateLimit-Remaining")).isEqualTo("4");
  }

  @Test
  void shouldGiveEachUserTheirOwnBucket() {
    String first = issuer.tokenForNewUser();
    for (int i = 0; i < GatewayTestProperties.DEFAULT_CAPACITY + 2; i++) {
      RateLimitedCalls.call(gateway, HttpMethod.GET, "/api/integrations/list", first);
    }

    Outcome other =
        RateLimitedCalls.call(
            gateway, HttpMethod.GET, "/api/integrations/list", issuer.tokenForNewUser());

    assertThat(other.status()).isEqualTo(200);
  }

  @Test
  void shouldApplyTheStricterPolicyToSensitiveRoutes() {
    String user = "sensitive-" + UUID.randomUUID();
    String token = issuer.tokenFor(user);

    List<Outcome> validations = new ArrayList<>();
    for (int i = 0; i < GatewayTestProperties.SENSITIVE_CAPACITY + 2; i++) {
      validations.add(
          RateLimitedCalls.call(
              gateway, HttpMethod.POST, "/api/integrations/notion/validate", token));
    }

    assertThat(validations).extracting(Outcome::status).containsExactly(200, 200, 429, 429);
    RateLimitedCalls.assertRejectionsAreProblems(validations);
    assertThat(validations.getLast().headers().getFirst("RateLimit-Limit")).isEqualTo("2");
    // The sensitive bucket is separate: ordinary calls of the same user still pass.
    assertThat(
            RateLimitedCalls.call(gateway, HttpMethod.GET, "/api/integrations/list", token)
                .status())
        .isEqualTo(200);
  }

  @Test
  void shouldTreatEverySensitivePatternAsSensitive() {
    assertSensitive(HttpMethod.POST, "/api/integrations/validate");
    assertSensitive(HttpMethod.POST, "/api/git/github/oauth/start");
    assertSensitive(HttpMethod.GET, "/api/mcp/broker/credentials/notion");
  }

  @Test
  void shouldCountRejectionsByRouteInPrometheus() {
    String token = issuer.tokenForNewUser();
    for (int i = 0; i < GatewayTestProperties.SENSITIVE_CAPACITY + 1; i++) {
      RateLimitedCalls.call(gateway, HttpMethod.GET, "/api/mcp/broker/credentials/x", token);
    }

    String metrics =
        management
            .get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(metrics)
        .containsPattern(
            "mcpm_gateway_rate_limit_rejections_total\\{[^}]*policy=\"sensitive\"[^}]*route=\"mcp-server-service\"[^}]*} [1-9]");
  }

  private void assertSensitive(HttpMethod method, String path) {
    String token = issuer.tokenForNewUser();
    Outcome outcome = RateLimitedCalls.call(gateway, method, path, token);
    assertThat(outcome.headers().getFirst("RateLimit-Limit"))
        .as(method + " " + path)
        .isEqualTo(Integer.toString(GatewayTestProperties.SENSITIVE_CAPACITY));
  }
}
