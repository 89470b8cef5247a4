package io.mcpmanager.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;

/**
 * auth-server's APIs ({@code /api/admin/**}, {@code /api/account/**}) are routed and rate limited.
 */
class AuthServerRoutingTests extends GatewayIntegrationTest {

  @BeforeEach
  void stubAuthServer() {
    backend.stubFor(any(urlPathMatching("/api/(admin|account)/.*")).willReturn(okJson("[]")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/admin/users", "/api/account/sessions"})
  void shouldRouteToAuthServerWithinTheDefaultLimit(String prefix) {
    String path = prefix + "/" + UUID.randomUUID();
    String token = issuer.tokenForNewUser();

    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < GatewayTestProperties.DEFAULT_CAPACITY + 2; i++) {
      outcomes.add(RateLimitedCalls.call(gateway, HttpMethod.GET, path, token));
    }

    assertThat(outcomes.getFirst().status()).isEqualTo(200);
    assertThat(outcomes.getFirst().headers().getFirst("RateLimit-Limit"))
        .isEqualTo(Integer.toString(GatewayTestProperties.DEFAULT_CAPACITY));
    assertThat(outcomes.getLast().status()).isEqualTo(429);
    RateLimitedCalls.assertRejectionsAreProblems(outcomes);
    assertThat(backend.findAll(getRequestedFor(urlPathEqualTo(path))).size())
        .isGreaterThanOrEqualTo(GatewayTestProperties.DEFAULT_CAPACITY)
        .isLessThan(outcomes.size());
  }
}
