package io.mcpmanager.integration.testdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import io.mcpmanager.oauth.Pkce;

/**
 * Google's authorization and token endpoints as documented: consent redirect, code exchange with
 * PKCE, refresh answers, {@code invalid_grant}, outages.
 */
public final class GoogleStubs {

  public static final String GMAIL_SCOPE = "https://www.googleapis.com/auth/gmail.readonly";
  public static final String AUTHORIZE_PATH = "/o/oauth2/v2/auth";
  private static final String CODE_PREFIX = "4.0AVG";

  private GoogleStubs() {}

  public static void refreshes(
      WireMockServer server,
      String refreshToken,
      String newAccess,
      String newRefresh,
      int delayMillis) {
    server.stubFor(
        post(urlEqualTo("/token"))
            .withFormParam("grant_type", equalTo("refresh_token"))
            .withFormParam("refresh_token", equalTo(refreshToken))
            .withFormParam("client_id", equalTo("mcp-manager-test.apps.googleusercontent.com"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withFixedDelay(delayMillis)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(
                        """
                {"access_token":"%s","expires_in":3599,"scope":"%s","token_type":"Bearer","refresh_token":"%s"}"""
                            .formatted(newAccess, GMAIL_SCOPE, newRefresh))));
  }

  /**
   * Google's authorization endpoint after the user clicked "Allow": a 302 back to the client's
   * redirect_uri with a code and the state. Real Google remembers the PKCE challenge with the code;
   * this stand-in writes it into the code instead, so the token stub can check the verifier.
   */
  public static void authorizeAllows(WireMockServer server) {
    server.stubFor(
        get(urlPathEqualTo(AUTHORIZE_PATH))
            .withQueryParam("response_type", equalTo("code"))
            .withQueryParam("code_challenge_method", equalTo("S256"))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withTransformers("response-template")
                    .withHeader(
                        "Location",
                        "{{{request.query.redirect_uri}}}?state={{{request.query.state}}}&code="
                            + CODE_PREFIX
                            + "{{{request.query.code_challenge}}}&scope=email%20openid&authuser=0&prompt=consent")));
  }

  /**
   * The authorization-code grant as Google answers it, but only for a code_verifier whose S256 is
   * the challenge the code was issued for (RFC 7636 §4.6); anything else gets Google's {@code
   * invalid_grant}. {@code refreshToken} null: an answer without one (no offline access).
   */
  public static void exchanges(WireMockServer server, String accessToken, String refreshToken) {
    String refresh = refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken + "\"";
    server.stubFor(
        post(urlEqualTo("/token"))
            .atPriority(1)
            .withFormParam("grant_type", equalTo("authorization_code"))
            .withFormParam("client_id", equalTo("mcp-manager-test.apps.googleusercontent.com"))
            .withFormParam("client_secret", equalTo("test-client-secret"))
            .withFormParam(
                "redirect_uri",
                matching(
                    "http://127\\.0\\.0\\.1:8080/api/integrations/(gmail|calendar)/oauth/callback"))
            .andMatching(GoogleStubs::verifierMatchesCode)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(
                        """
                {"access_token":"%s","expires_in":3599,"scope":"%s openid https://www.googleapis.com/auth/userinfo.email",\
                "token_type":"Bearer","id_token":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMTAxNjkifQ.c2lnbmF0dXJl"%s}"""
                            .formatted(accessToken, GMAIL_SCOPE, refresh))));
    server.stubFor(
        post(urlEqualTo("/token"))
            .atPriority(5)
            .withFormParam("grant_type", equalTo("authorization_code"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(
                        """
                {"error":"invalid_grant","error_description":"Bad Request"}""")));
  }

  private static MatchResult verifierMatchesCode(Request request) {
    FormParameter code = request.formParameter("code");
    FormParameter verifier = request.formParameter("code_verifier");
    if (!code.isPresent() || !verifier.isPresent() || !code.firstValue().startsWith(CODE_PREFIX)) {
      return MatchResult.noMatch();
    }
    return MatchResult.of(
        Pkce.challengeOf(verifier.firstValue())
            .equals(code.firstValue().substring(CODE_PREFIX.length())));
  }

  public static void invalidGrant(WireMockServer server) {
    server.stubFor(
        post(urlEqualTo("/token"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(
                        """
            {"error":"invalid_grant","error_description":"Token has been expired or revoked."}""")));
  }

  public static void down(WireMockServer server) {
    server.stubFor(
        post(urlEqualTo("/token"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
            {"error":"internal_failure","error_description":"Backend Error"}""")));
  }
}
