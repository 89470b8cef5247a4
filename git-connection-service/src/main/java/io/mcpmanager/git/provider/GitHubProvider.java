package io.mcpmanager.git.provider;

import io.mcpmanager.oauth.OAuthClientRegistration;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * GitHub (github.com or GitHub Enterprise Server). Works with OAuth Apps (tokens that do not expire)
 * and GitHub Apps' user tokens (8 h, with rotating refresh tokens): the token answer says which.
 */
@Component
class GitHubProvider implements GitProvider {

  private static final URI GITHUB_COM = URI.create("https://github.com");

  private final ProviderSettings settings;
  private final ProviderHttp http;
  private final ProviderCredentials credentials;
  private final URI api;
  private final URI redirectUri;

  GitHubProvider(Environment environment, ProviderHttp http, ProviderCredentials credentials,
      @Value("${git.oauth.callback-base-url:http://127.0.0.1:8080}") String callbackBase) {
    this.settings = ProviderSettings.bind(environment, "github", GITHUB_COM);
    this.http = http;
    this.credentials = credentials;
    this.api = settings.apiUrl() != null ? settings.apiUrl()
        : "github.com".equals(settings.baseUrl().getHost()) ? URI.create("https://api.github.com")
        : settings.resolve("/api/v3");
    this.redirectUri = URI.create(callbackBase.replaceAll("/+$", "") + "/api/git/github/oauth/callback");
  }

  @Override
  public String id() {
    return "github";
  }

  @Override
  public String displayName() {
    return "GitHub";
  }

  @Override
  public List<String> defaultScopes() {
    return settings.scopes().isEmpty() ? List.of("repo", "read:user", "user:email") : settings.scopes();
  }

  @Override
  public boolean isConfigured() {
    return credentials.resolve(id(), settings) != null;
  }

  private ProviderCredentials.Credentials client() {
    ProviderCredentials.Credentials client = credentials.resolve(id(), settings);
    if (client == null) {
      throw ProviderNotConfiguredException.of(id());
    }
    return client;
  }

  @Override
  public OAuthClientRegistration registration() {
    ProviderCredentials.Credentials client = client();
    return new OAuthClientRegistration(id(), settings.resolve("/login/oauth/authorize"),
        settings.resolve("/login/oauth/access_token"), client.clientId(), client.clientSecret(), redirectUri,
        OAuthClientRegistration.ClientAuthentication.POST);
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
      JsonNode emails = http.getJson("github", "GET /user/emails", apiUri("/user/emails"), auth(accessToken)).body();
      for (JsonNode e : emails) {
        if (e.path("primary").asBoolean(false) && e.path("verified").asBoolean(false)) {
          email = ProviderHttp.text(e, "email");
        }
      }
    } catch (ProviderCallException e) {
      // without the user:email scope GitHub answers 403/404; the public email is enough then
    }
    return new GitProfile(user.path("id").asString(), ProviderHttp.text(user, "login"), email,
        ProviderHttp.text(user, "avatar_url"));
  }

  @Override
  public RepositoryPage repositories(String accessToken, URI next) {
    URI uri = next != null ? next : apiUri("/user/repos?per_page=100&sort=full_name");
    ProviderHttp.JsonResponse response = http.getJson("github", "GET /user/repos", uri, auth(accessToken));
    List<RemoteRepository> items = new ArrayList<>();
    for (JsonNode r : response.body()) {
      JsonNode perms = r.path("permissions");
      String visibility = ProviderHttp.text(r, "visibility");
      items.add(new RemoteRepository(r.path("id").asString(), ProviderHttp.text(r, "full_name"),
          visibility != null ? visibility : r.path("private").asBoolean(false) ? "private" : "public",
          ProviderHttp.text(r, "default_branch"), ProviderHttp.text(r, "clone_url"), ProviderHttp.text(r, "ssh_url"),
          perms.path("admin").asBoolean(false), perms.path("push").asBoolean(false), perms.path("pull").asBoolean(true),
          r.path("archived").asBoolean(false), instant(ProviderHttp.text(r, "updated_at"))));
    }
    return new RepositoryPage(items, ProviderHttp.nextLink(response.headers()),
        http.exhaustedQuotaWait(response.headers()));
  }

  /** {@code DELETE /applications/{client_id}/grant} with the app's basic auth: revokes every token of the grant. */
  @Override
  public void revoke(String accessToken) {
    ProviderCredentials.Credentials client = client();
    String basic = Base64.getEncoder().encodeToString(
        (client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8));
    try {
      http.send("github", "DELETE /applications/{client_id}/grant",
          HttpMethod.DELETE, apiUri("/applications/" + client.clientId() + "/grant"), h -> {
            h.set(HttpHeaders.AUTHORIZATION, "Basic " + basic);
            h.setContentType(MediaType.APPLICATION_JSON);
            h.set(HttpHeaders.ACCEPT, "application/vnd.github+json");
          }, Map.of("access_token", accessToken));
    } catch (ProviderCallException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
  }

  private URI apiUri(String path) {
    return URI.create(api.toString().replaceAll("/+$", "") + path);
  }

  private static Consumer<HttpHeaders> auth(String token) {
    return h -> {
      h.setBearerAuth(token);
      h.set(HttpHeaders.ACCEPT, "application/vnd.github+json");
      h.set("X-GitHub-Api-Version", "2022-11-28");
    };
  }

  private static Instant instant(String value) {
    return value == null ? null : Instant.parse(value);
  }
}
