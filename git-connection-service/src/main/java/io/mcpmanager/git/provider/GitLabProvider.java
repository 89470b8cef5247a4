package io.mcpmanager.git.provider;

import io.mcpmanager.git.config.GitProperties;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** GitLab (gitlab.com or self-managed): access tokens expire after 2 h, refresh tokens rotate. */
@Component
class GitLabProvider extends OAuthGitProvider {

  private static final Identity GITLAB =
      new Identity(
          "gitlab",
          "GitLab",
          URI.create("https://gitlab.com"),
          List.of("read_user", "read_api", "read_repository"));
  private static final int MAINTAINER = 40;
  private static final int DEVELOPER = 30;
  private static final int REPORTER = 20;

  GitLabProvider(GitProperties properties, ProviderHttp http, ProviderCredentials credentials) {
    super(GITLAB, properties, http, credentials);
  }

  @Override
  String authorizePath() {
    return "/oauth/authorize";
  }

  @Override
  String tokenPath() {
    return "/oauth/token";
  }

  @Override
  URI defaultApi() {
    return settings.resolve("/api/v4");
  }

  @Override
  public GitProfile fetchProfile(String accessToken) {
    JsonNode user = http.getJson("gitlab", "GET /user", apiUri("/user"), auth(accessToken)).body();
    String email = ProviderHttp.text(user, "email");
    return new GitProfile(
        user.path("id").asString(),
        ProviderHttp.text(user, "username"),
        email != null ? email : ProviderHttp.text(user, "public_email"),
        ProviderHttp.text(user, "avatar_url"));
  }

  @Override
  public RepositoryPage repositories(String accessToken, @Nullable URI next) {
    URI uri =
        next != null ? next : apiUri("/projects?membership=true&per_page=100&order_by=id&sort=asc");
    ProviderHttp.JsonResponse response =
        http.getJson("gitlab", "GET /projects", uri, auth(accessToken));
    List<RemoteRepository> items = new ArrayList<>();
    for (JsonNode p : response.body()) {
      JsonNode perms = p.path("permissions");
      int level =
          Math.max(
              perms.path("project_access").path("access_level").asInt(0),
              perms.path("group_access").path("access_level").asInt(0));
      String lastActivity = ProviderHttp.text(p, "last_activity_at");
      items.add(
          new RemoteRepository(
              p.path("id").asString(),
              ProviderHttp.requiredText(p, "path_with_namespace"),
              ProviderHttp.text(p, "visibility"),
              ProviderHttp.text(p, "default_branch"),
              ProviderHttp.text(p, "http_url_to_repo"),
              ProviderHttp.text(p, "ssh_url_to_repo"),
              level >= MAINTAINER,
              level >= DEVELOPER,
              level >= REPORTER || !"private".equals(ProviderHttp.text(p, "visibility")),
              p.path("archived").asBoolean(false),
              lastActivity == null ? null : OffsetDateTime.parse(lastActivity).toInstant()));
    }
    URI nextPage = ProviderHttp.nextLink(response.headers(), apiUri("/"));
    String nextNumber = response.headers().getFirst("X-Next-Page");
    if (nextPage == null && nextNumber != null && !nextNumber.isBlank()) {
      nextPage =
          UriComponentsBuilder.fromUri(uri)
              .replaceQueryParam("page", nextNumber)
              .build(true)
              .toUri();
    }
    return new RepositoryPage(items, nextPage, http.exhaustedQuotaWait(response.headers()));
  }

  /** {@code POST /oauth/revoke} (RFC 7009) with the client credentials. */
  @Override
  public void revoke(String accessToken) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    ProviderCredentials.Credentials client = client();
    form.add("client_id", client.clientId());
    form.add("client_secret", client.clientSecret());
    form.add("token", accessToken);
    http.send(
        "gitlab",
        "POST /oauth/revoke",
        HttpMethod.POST,
        settings.resolve("/oauth/revoke"),
        h -> h.setContentType(MediaType.APPLICATION_FORM_URLENCODED),
        form);
  }

  private static Consumer<HttpHeaders> auth(String token) {
    return h -> h.setBearerAuth(token);
  }
}
