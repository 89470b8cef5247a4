package io.mcpmanager.mcp.testdata;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.mcpmanager.mcp.integration.RestCredentialSource;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * How the test context reaches the services around it, the way production does: one WireMock stands
 * in for integration-service's and git-connection-service's internal APIs (a contract test of
 * {@link RestCredentialSource}), found by their Eureka names through Spring Cloud's simple
 * discovery client, and for auth-server's token endpoint, which grants the kit's service client a
 * token of the test issuer.
 */
public final class TestServiceWiring {

  public static final String SERVICE_CLIENT = "mcp-server-service";
  private static final String CLIENT_SECRET = "test-only-client-secret";
  private static final String SCOPES = "integrations.broker git.broker";
  private static WireMockServer upstreams;

  private TestServiceWiring() {}

  /** One WireMock for both internal APIs and the token endpoint (their paths do not overlap). */
  public static synchronized WireMockServer upstreams() {
    if (upstreams == null) {
      upstreams =
          new WireMockServer(
              WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
      upstreams.start();
      String token =
          TestJwtIssuer.shared()
              .token(SERVICE_CLIENT, List.of(), List.of(SCOPES.split(" ")), Duration.ofHours(1));
      String basic =
          Base64.getEncoder()
              .encodeToString(
                  (SERVICE_CLIENT + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
      upstreams.stubFor(
          post("/oauth2/token")
              .withHeader("Authorization", equalTo("Basic " + basic))
              .withRequestBody(containing("grant_type=client_credentials"))
              .willReturn(
                  okJson(
                      """
              {"access_token": "%s", "token_type": "Bearer", "expires_in": 3600, "scope": "%s"}"""
                          .formatted(token, SCOPES))));
    }
    return upstreams;
  }

  /** The service client and the static instances of the owning services (production: Eureka). */
  public static void register(DynamicPropertyRegistry registry) {
    String base = upstreams().baseUrl();
    registry.add(
        "spring.cloud.discovery.client.simple.instances."
            + RestCredentialSource.INTEGRATION_SERVICE
            + "[0].uri",
        () -> base);
    registry.add(
        "spring.cloud.discovery.client.simple.instances."
            + RestCredentialSource.GIT_CONNECTION_SERVICE
            + "[0].uri",
        () -> base);
    registry.add("mcpm.vault.rotation.enabled", () -> "false");
    registry.add("mcpm.client.id", () -> SERVICE_CLIENT);
    registry.add("mcpm.client.secret", () -> CLIENT_SECRET);
    registry.add("mcpm.client.scopes", () -> SCOPES.replace(' ', ','));
    registry.add("mcpm.client.token-uri", () -> base + "/oauth2/token");
  }
}
