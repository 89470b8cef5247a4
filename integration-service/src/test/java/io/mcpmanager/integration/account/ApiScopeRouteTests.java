package io.mcpmanager.integration.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.testdata.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The integrations API needs {@code integrations:read} to read and {@code integrations:write} to
 * change anything: what a personal access token's JWT lacks is refused with 403.
 */
class ApiScopeRouteTests extends IntegrationServiceTestBase {

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @Test
  void shouldLetAReadOnlyTokenListButNotCreate() throws Exception {
    String reader = ISSUER.userTokenWithScopes(Tokens.user(), "integrations:read");

    assertThat(call("GET", reader).statusCode()).isEqualTo(200);
    HttpResponse<String> create = call("POST", reader);
    assertThat(create.statusCode()).isEqualTo(403);
    assertThat(create.body()).contains("https://mcp-manager.io/problems/forbidden");
  }

  @Test
  void shouldRefuseTokensWithoutAnIntegrationsScope() throws Exception {
    assertThat(
            call("GET", ISSUER.userTokenWithScopes(Tokens.user(), "git:read", "mcp:read"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            call("GET", ISSUER.serviceToken("mcp-server-service", "integrations.broker"))
                .statusCode())
        .isEqualTo(403);
  }

  private HttpResponse<String> call(String method, String token) throws Exception {
    HttpRequest.BodyPublisher body =
        "POST".equals(method)
            ? HttpRequest.BodyPublishers.ofString("{}")
            : HttpRequest.BodyPublishers.noBody();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/integrations"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, body)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
