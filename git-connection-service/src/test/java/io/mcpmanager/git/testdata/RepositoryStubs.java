package io.mcpmanager.git.testdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Repository listings shaped like GitHub's {@code GET /user/repos} and GitLab's {@code GET
 * /projects}.
 */
public final class RepositoryStubs {

  private RepositoryStubs() {}

  public static String fullName(int id) {
    return "octo-org/repo-%04d".formatted(id);
  }

  /**
   * GitHub pages of 100 following {@code Link}; pages in {@code primaryLimited} first answer 429
   * with {@code Retry-After: 1}, pages in {@code secondaryLimited} first answer 403 "secondary rate
   * limit".
   */
  public static void github(
      FakeProvider github,
      List<Integer> ids,
      Set<Integer> primaryLimited,
      Set<Integer> secondaryLimited) {
    github(github, ids, primaryLimited, secondaryLimited, Set.of());
  }

  /**
   * As above; pages in {@code quotaExhausted} answer 200 but say the quota is used up until a
   * second from now.
   */
  public static void github(
      FakeProvider github,
      List<Integer> ids,
      Set<Integer> primaryLimited,
      Set<Integer> secondaryLimited,
      Set<Integer> quotaExhausted) {
    int pages = (ids.size() + 99) / 100;
    String base = github.baseUrl() + "/api/v3/user/repos?per_page=100&sort=full_name&page=";
    for (int page = 1; page <= pages; page++) {
      String body =
          ids.subList((page - 1) * 100, Math.min(page * 100, ids.size())).stream()
              .map(RepositoryStubs::githubRepo)
              .collect(Collectors.joining(",", "[", "]"));
      ResponseDefinitionBuilder ok =
          aResponse()
              .withStatus(200)
              .withHeader("Content-Type", "application/json; charset=utf-8")
              .withHeader("X-RateLimit-Limit", "5000")
              .withHeader(
                  "X-RateLimit-Remaining",
                  quotaExhausted.contains(page) ? "0" : String.valueOf(5000 - page))
              .withHeader(
                  "X-RateLimit-Reset",
                  String.valueOf(
                      Instant.now()
                          .plusSeconds(quotaExhausted.contains(page) ? 1 : 3600)
                          .getEpochSecond()))
              .withBody(body);
      if (page < pages) {
        ok.withHeader(
            "Link",
            "<" + base + (page + 1) + ">; rel=\"next\", <" + base + pages + ">; rel=\"last\"");
      }
      MappingBuilder request =
          get(urlPathEqualTo("/api/v3/user/repos"))
              .withQueryParam("per_page", equalTo("100"))
              .withQueryParam("page", page == 1 ? absent() : equalTo(String.valueOf(page)));
      String scenario = "github-page-" + page;
      if (primaryLimited.contains(page)) {
        github
            .server()
            .stubFor(
                request
                    .inScenario(scenario)
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(
                        aResponse()
                            .withStatus(429)
                            .withHeader("Retry-After", "1")
                            .withHeader("X-RateLimit-Remaining", "0")
                            .withHeader(
                                "X-RateLimit-Reset",
                                String.valueOf(Instant.now().plusSeconds(1).getEpochSecond()))
                            .withHeader("Content-Type", "application/json")
                            .withBody(
                                "{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}"))
                    .willSetStateTo("served"));
        request =
            get(urlPathEqualTo("/api/v3/user/repos"))
                .withQueryParam("per_page", equalTo("100"))
                .withQueryParam("page", page == 1 ? absent() : equalTo(String.valueOf(page)))
                .inScenario(scenario)
                .whenScenarioStateIs("served");
      } else if (secondaryLimited.contains(page)) {
        github
            .server()
            .stubFor(
                request
                    .inScenario(scenario)
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(
                        aResponse()
                            .withStatus(403)
                            .withHeader("Retry-After", "1")
                            .withHeader("Content-Type", "application/json")
                            .withBody(
                                "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
                                    + "\"documentation_url\":\"https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\"}"))
                    .willSetStateTo("served"));
        request =
            get(urlPathEqualTo("/api/v3/user/repos"))
                .withQueryParam("per_page", equalTo("100"))
                .withQueryParam("page", page == 1 ? absent() : equalTo(String.valueOf(page)))
                .inScenario(scenario)
                .whenScenarioStateIs("served");
      }
      github.server().stubFor(request.willReturn(ok));
    }
  }

  static String githubRepo(int id) {
    String name = "repo-%04d".formatted(id);
    boolean priv = id % 3 == 0;
    return """
        {"id":%d,"node_id":"R_kgDO%d","name":"%s","full_name":"%s","private":%s,
         "owner":{"login":"octo-org","id":9919,"type":"Organization"},
         "html_url":"https://github.com/%s","description":null,"fork":false,
         "clone_url":"https://github.com/%s.git","ssh_url":"git@github.com:%s.git","default_branch":"%s",
         "visibility":"%s","archived":%s,"disabled":false,"pushed_at":"2024-01-26T19:06:43Z",
         "created_at":"2020-01-26T19:01:12Z","updated_at":"2024-01-26T19:14:43Z",
         "permissions":{"admin":%s,"maintain":false,"push":true,"triage":true,"pull":true}}"""
        .formatted(
            id,
            id,
            name,
            fullName(id),
            priv,
            fullName(id),
            fullName(id),
            fullName(id),
            id % 2 == 0 ? "main" : "master",
            priv ? "private" : "public",
            id % 10 == 0,
            id % 7 == 0);
  }

  /** GitLab pages of 100 announced with {@code X-Next-Page} (no Link header). */
  public static void gitlab(FakeProvider gitlab, List<Integer> ids) {
    int pages = (ids.size() + 99) / 100;
    for (int page = 1; page <= pages; page++) {
      String body =
          ids.subList((page - 1) * 100, Math.min(page * 100, ids.size())).stream()
              .map(
                  id ->
                      """
              {"id":%d,"description":null,"name":"project-%d","path_with_namespace":"group/project-%d",
               "default_branch":"main","visibility":"%s","ssh_url_to_repo":"git@gitlab.example.com:group/project-%d.git",
               "http_url_to_repo":"https://gitlab.example.com/group/project-%d.git","archived":false,
               "last_activity_at":"2024-09-30T13:46:02.000Z",
               "permissions":{"project_access":{"access_level":%d,"notification_level":3},"group_access":null}}"""
                          .formatted(
                              id,
                              id,
                              id,
                              id % 2 == 0 ? "private" : "internal",
                              id,
                              id,
                              id % 4 == 0 ? 40 : 30))
              .collect(Collectors.joining(",", "[", "]"));
      ResponseDefinitionBuilder ok =
          aResponse()
              .withStatus(200)
              .withHeader("Content-Type", "application/json")
              .withHeader("X-Page", String.valueOf(page))
              .withHeader("X-Per-Page", "100")
              .withHeader("X-Next-Page", page < pages ? String.valueOf(page + 1) : "")
              .withHeader("RateLimit-Remaining", "1999")
              .withBody(body);
      gitlab
          .server()
          .stubFor(
              get(urlPathEqualTo("/api/v4/projects"))
                  .withQueryParam("page", page == 1 ? absent() : equalTo(String.valueOf(page)))
                  .willReturn(ok));
    }
  }
}
