package io.mcpmanager.git.testdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A stand-in for GitHub or GitLab on WireMock: token endpoint ({@link FakeTokenEndpoint}), profile,
 * emails and revocation with the response shapes of the providers' documentation.
 */
public final class FakeProvider {

  private final String id;
  private final WireMockServer server;
  private final FakeTokenEndpoint tokens;
  private final String clientId;
  private final String clientSecret;

  private FakeProvider(String id, int errorStatus) {
    this.id = id;
    this.clientId = id + "-client-id";
    this.clientSecret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    this.tokens = new FakeTokenEndpoint(id + "-token", clientId, clientSecret, errorStatus);
    this.server =
        new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(tokens));
    server.start();
  }

  static FakeProvider github() {
    return new FakeProvider("github", 200);
  }

  static FakeProvider gitlab() {
    return new FakeProvider("gitlab", 400);
  }

  public String id() {
    return id;
  }

  public WireMockServer server() {
    return server;
  }

  public FakeTokenEndpoint tokens() {
    return tokens;
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public String clientId() {
    return clientId;
  }

  public String clientSecret() {
    return clientSecret;
  }

  /**
   * GitHub's API prefix on GitHub Enterprise Server (a base URL other than github.com), or
   * GitLab's.
   */
  public String apiPrefix() {
    return id.equals("github") ? "/api/v3" : "/api/v4";
  }

  /** Clears stubs, requests and token state, then installs the default documented endpoints. */
  public FakeProvider reset(Long expiresIn, boolean refreshTokens) {
    server.resetAll();
    tokens.reset(
        expiresIn,
        refreshTokens,
        id.equals("github") ? "repo,read:user,user:email" : "read_user read_api read_repository");
    if (id.equals("github")) {
      server.stubFor(
          post("/login/oauth/access_token")
              .willReturn(aResponse().withTransformers(tokens.getName())));
      stubProfile("1296269", "octocat");
      server.stubFor(
          delete(urlPathEqualTo("/api/v3/applications/" + clientId + "/grant"))
              .willReturn(aResponse().withStatus(204)));
    } else {
      server.stubFor(
          post("/oauth/token").willReturn(aResponse().withTransformers(tokens.getName())));
      stubProfile("4242", "john_smith");
      server.stubFor(post("/oauth/revoke").willReturn(aResponse().withStatus(200).withBody("{}")));
    }
    return this;
  }

  /** The account the next authorization belongs to. */
  public void stubProfile(String externalId, String login) {
    if (id.equals("github")) {
      server.stubFor(
          get("/api/v3/user")
              .willReturn(
                  json(
                      """
          {"login":"%s","id":%s,"node_id":"MDQ6VXNlcjE=","avatar_url":"https://github.com/images/error/octocat_happy.gif",
           "type":"User","site_admin":false,"name":"monalisa octocat","company":"GitHub","email":null,
           "created_at":"2008-01-14T04:33:35Z","updated_at":"2008-01-14T04:33:35Z"}"""
                          .formatted(login, externalId))));
      server.stubFor(
          get("/api/v3/user/emails")
              .willReturn(
                  json(
                      """
          [{"email":"%s@users.example.com","verified":true,"primary":false,"visibility":null},
           {"email":"%s@example.com","verified":true,"primary":true,"visibility":"public"}]"""
                          .formatted(login, login))));
    } else {
      server.stubFor(
          get("/api/v4/user")
              .willReturn(
                  json(
                      """
          {"id":%s,"username":"%s","name":"John Smith","state":"active","locked":false,
           "avatar_url":"http://localhost:3000/uploads/user/avatar/1/index.jpg","web_url":"http://localhost:3000/%s",
           "created_at":"2012-05-23T08:00:58Z","email":"%s@example.com","public_email":null}"""
                          .formatted(externalId, login, login, login))));
    }
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }
}
