package io.mcpmanager.git.provider;

import io.mcpmanager.git.config.GitProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * GitHub (github.com or GitHub Enterprise Server). Works with OAuth Apps (tokens that do not
 * expire) and GitHub Apps' user tokens (8 h, with rotating refresh tokens): the token answer says
 * which.
 */
@Component
class GitHubProvider extends OAuthGitProvider {

  private static final Identity GITHUB =
      new Identity(
          "github",
          "GitHub",
          URI.create("https://github.com"),
          List.of("repo", "read:user", "user:email"));

  GitHubProvider(GitProperties properties, ProviderHttp http, ProviderCredentials credentials) {
    super(GITHUB, properties, http, credentials);
  }

  @Override
  String authorizePath() {
    return "/login/oauth/authorize";
  }

  @Override
  String tokenPath() {
    return "/login/oauth/access_token";
  }

  /** api.github.com for github.com; GitHub Enterprise Server serves its API under /api/v3. */
  @Override
  URI defaultApi() {
    return "github.com".equals(settings.baseUrl().getHost())
        ? URI.create("https://api.github.com")
        : settings.resolve("/api/v3");
  }

  @Override
  public Map<String, String> authorizeParameters() {
    return Map.of("allow_signup", "false");
  }

  @Override
  public GitProfile fetchProfile(String accessToken) {
    JsonNode user = http.getJson("github", "GET /user", apiUri("/user"), auth(accessToken)).body();
    String email = ProviderHttp.text(user, "email");
    try {
      JsonNode emails =
          http.getJson("github", "GET /user/emails", apiUri("/user/emails"), auth(accessToken))
              .body();
      for (JsonNode e : emails) {
        if (e.path("primary").asBoolean(false) && e.path("verified").asBoolean(false)) {
          email = ProviderHttp.text(e, "email");
        }
      }
    } catch (ProviderCallException e) {
      // without the user:email scope GitHub answers 403/404; the public email is enough then
    }
    return new GitProfile(
        user.path("id").asString(),
        ProviderHttp.text(user, "login"),
        email,
        ProviderHttp.text(user, "avatar_url"));
  }

  @Override
  public RepositoryPage repositories(String accessToken, @Nullable URI next) {
    URI uri = next != null ? next : apiUri("/user/repos?per_page=100&sort=full_name");
    ProviderHttp.JsonResponse response =
        http.getJson("github", "GET /user/repos", uri, auth(accessToken));
    List<RemoteRepository> items = new ArrayList<>();
    for (JsonNode r : response.body()) {
      JsonNode perms = r.path("permissions");
      String visibility = ProviderHttp.text(r, "visibility");
      items.add(
          new RemoteRepository(
              r.path("id").asString(),
              ProviderHttp.requiredText(r, "full_name"),
              visibility != null
                  ? visibility
                  : r.path("private").asBoolean(false) ? "private" : "public",
              ProviderHttp.text(r, "default_branch"),
              ProviderHttp.text(r, "clone_url"),
              ProviderHttp.text(r, "ssh_url"),
              perms.path("admin").asBoolean(false),
              perms.path("push").asBoolean(false),
              perms.path("pull").asBoolean(true),
              r.path("archived").asBoolean(false),
              instant(ProviderHttp.text(r, "updated_at"))));
    }
    return new RepositoryPage(
        items,
        ProviderHttp.nextLink(response.headers(), apiUri("/")),
        http.exhaustedQuotaWait(response.headers()));
  }

  /**
   * {@code DELETE /applications/{client_id}/grant} with the app's basic auth: revokes every token
   * of the grant.
   */
  @Override
  public void revoke(String accessToken) {
    ProviderCredentials.Credentials client = client();
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8));
    try {
      http.send(
          "github",
          "DELETE /applications/{client_id}/grant",
          HttpMethod.DELETE,
          apiUri("/applications/" + client.clientId() + "/grant"),
          h -> {
            h.set(HttpHeaders.AUTHORIZATION, "Basic " + basic);
            h.setContentType(MediaType.APPLICATION_JSON);
            h.set(HttpHeaders.ACCEPT, "application/vnd.github+json");
          },
          Map.of("access_token", accessToken));
    } catch (ProviderCallException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
  }

  private static Consumer<HttpHeaders> auth(String token) {
    return h -> {
      h.setBearerAuth(token);
      h.set(HttpHeaders.ACCEPT, "application/vnd.github+json");
      h.set("X-GitHub-Api-Version", "2022-11-28");
    };
  }

  private static @Nullable Instant instant(@Nullable String value) {
    return value == null ? null : Instant.parse(value);
  }
}
