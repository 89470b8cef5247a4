package io.mcpmanager.integration.testdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Google's token endpoint as documented: refresh answers, {@code invalid_grant}, outages. */
public final class GoogleStubs {

  public static final String GMAIL_SCOPE = "https://www.googleapis.com/auth/gmail.readonly";

  private GoogleStubs() {}

  public static void refreshes(WireMockServer server, String refreshToken, String newAccess, String newRefresh,
      int delayMillis) {
    server.stubFor(post(urlEqualTo("/token"))
        .withFormParam("grant_type", equalTo("refresh_token"))
        .withFormParam("refresh_token", equalTo(refreshToken))
        .withFormParam("client_id", equalTo("mcp-manager-test.apps.googleusercontent.com"))
        .willReturn(aResponse().withStatus(200).withFixedDelay(delayMillis)
            .withHeader("Content-Type", "application/json; charset=utf-8").withBody("""
                {"access_token":"%s","expires_in":3599,"scope":"%s","token_type":"Bearer","refresh_token":"%s"}"""
                .formatted(newAccess, GMAIL_SCOPE, newRefresh))));
  }

  public static void invalidGrant(WireMockServer server) {
    server.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody("""
            {"error":"invalid_grant","error_description":"Token has been expired or revoked."}""")));
  }

  public static void down(WireMockServer server) {
    server.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/json").withBody("""
            {"error":"internal_failure","error_description":"Backend Error"}""")));
  }
}
