package io.mcpmanager.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WireMock stand-ins for Notion and GitHub, with bodies shaped like the providers' documented ones.
 */
public final class Providers {

  public final WireMockServer notion =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  public final WireMockServer github =
      new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private final AtomicInteger tokens = new AtomicInteger();

  static Providers start() {
    Providers p = new Providers();
    p.notion.start();
    p.github.start();
    p.stubNotion();
    return p;
  }

  String notionUrl() {
    return "http://127.0.0.1:" + notion.port();
  }

  String githubUrl() {
    return "http://127.0.0.1:" + github.port();
  }

  void stop() {
    notion.stop();
    github.stop();
  }

  /** Notion GET /v1/users/me: the bot user for tokens starting with ntn_, 401 for anything else. */
  private void stubNotion() {
    notion.stubFor(
        get(urlPathEqualTo("/v1/users/me"))
            .atPriority(9)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"object\":\"error\",\"status\":401,\"code\":\"unauthorized\",\"message\":\"API token is invalid.\"}")));
    notion.stubFor(
        get(urlPathEqualTo("/v1/users/me"))
            .atPriority(1)
            .withHeader("Authorization", matching("Bearer ntn_[0-9a-zA-Z_]+"))
            .withHeader("Notion-Version", matching(".+"))
            .willReturn(
                okJson(
                    """
            {"object":"user","id":"92a680bb-6970-4726-952b-4f4c03bff617","name":"System test bot",
             "avatar_url":null,"type":"bot",
             "bot":{"owner":{"type":"workspace","workspace":true},"workspace_name":"System tests"},
             "request_id":"4b2ff8f2-1c1f-4d6b-a9a7-2a7d1c0f2b3e"}""")));
  }

  /**
   * GitHub App user tokens (short expires_in, refresh tokens), /user, /user/emails, /user/repos
   * with Link paging.
   */
  void githubClient(String clientId, String clientSecret) {
    github.stubFor(
        post(urlPathEqualTo("/login/oauth/access_token"))
            .atPriority(9)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is incorrect or expired.\"}")));
    String user =
        """
        {"login":"octocat","id":583231,"node_id":"MDQ6VXNlcjU4MzIzMQ==","avatar_url":"https://avatars.githubusercontent.com/u/583231?v=4",
         "type":"User","name":"The Octocat","email":null}""";
    github.stubFor(
        get(urlPathEqualTo("/user"))
            .withHeader("Authorization", matching("(Bearer|token) ghu_.+"))
            .willReturn(okJson(user)));
    github.stubFor(
        get(urlPathEqualTo("/user/emails"))
            .withHeader("Authorization", matching("(Bearer|token) ghu_.+"))
            .willReturn(
                okJson(
                    "[{\"email\":\"octocat@github.com\",\"primary\":true,\"verified\":true,\"visibility\":\"public\"}]")));
    String next = githubUrl() + "/user/repos?per_page=100&sort=full_name&page=2";
    github.stubFor(
        get(urlPathEqualTo("/user/repos"))
            .atPriority(5)
            .withHeader("Authorization", matching("(Bearer|token) ghu_.+"))
            .willReturn(
                okJson(
                        "["
                            + repo(1, "octocat/alpha", false)
                            + ","
                            + repo(2, "octocat/beta", true)
                            + "]")
                    .withHeader(
                        "Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\"")));
    github.stubFor(
        get(urlPathEqualTo("/user/repos"))
            .atPriority(1)
            .withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("2"))
            .withHeader("Authorization", matching("(Bearer|token) ghu_.+"))
            .willReturn(okJson("[" + repo(3, "octocat/gamma", false) + "]")));
  }

  /** The token endpoint answers one grant of the given kind with these tokens. */
  void githubIssues(
      String grantBodyFragment, String accessToken, String refreshToken, int expiresIn) {
    github.stubFor(
        post(urlPathEqualTo("/login/oauth/access_token"))
            .atPriority(1 + tokens.incrementAndGet() % 3)
            .withRequestBody(containing(grantBodyFragment))
            .willReturn(
                okJson(
                    "{\"access_token\":\""
                        + accessToken
                        + "\",\"expires_in\":"
                        + expiresIn
                        + ",\"refresh_token\":\""
                        + refreshToken
                        + "\",\"refresh_token_expires_in\":15811200,"
                        + "\"scope\":\"repo,read:user,user:email\",\"token_type\":\"bearer\"}")));
  }

  private static String repo(int id, String fullName, boolean isPrivate) {
    return """
        {"id":%d,"name":"%s","full_name":"%s","private":%b,"visibility":"%s","default_branch":"main",
         "clone_url":"https://github.com/%s.git","ssh_url":"git@github.com:%s.git","archived":false,
         "updated_at":"2026-11-01T10:00:00Z","permissions":{"admin":true,"push":true,"pull":true}}"""
        .formatted(
            id,
            fullName.substring(fullName.indexOf('/') + 1),
            fullName,
            isPrivate,
            isPrivate ? "private" : "public",
            fullName,
            fullName);
  }
}
