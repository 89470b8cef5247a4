package io.mcpmanager.integration.testdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Notion stand-in answers keyed by token, as the service tests need them. */
public final class ProviderStubs {

  private ProviderStubs() {}

  public static void notionAccepts(WireMockServer server, String token) {
    server.stubFor(
        get(urlEqualTo("/v1/users/me"))
            .withHeader("Authorization", equalTo("Bearer " + token))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
            {"object":"user","id":"92a680bb-6970-4726-952b-4f4c03bff617","name":"MCP Manager","type":"bot",
             "bot":{"owner":{"type":"workspace","workspace":true},"workspace_name":"Acme"}}""")));
  }

  public static void notionRejects(WireMockServer server, String token) {
    server.stubFor(
        get(urlEqualTo("/v1/users/me"))
            .withHeader("Authorization", equalTo("Bearer " + token))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
            {"object":"error","status":401,"code":"unauthorized","message":"API token is invalid."}""")));
  }

  public static void notionDown(WireMockServer server) {
    server.stubFor(
        get(urlEqualTo("/v1/users/me"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
            {"object":"error","status":503,"code":"service_unavailable","message":"Notion is unavailable."}""")));
  }
}
