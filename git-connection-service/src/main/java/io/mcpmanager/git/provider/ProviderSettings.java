package io.mcpmanager.git.provider;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * {@code git.providers.<id>.*}: base URL (github.com, GitHub Enterprise Server, gitlab.com or a
 * self-managed GitLab), optional API URL, scopes, and the client credentials, which come from the
 * environment ({@code GIT_PROVIDERS_GITHUB_CLIENT_ID}, ...) or Vault, never from a file.
 */
public record ProviderSettings(URI baseUrl, URI apiUrl, String clientId, String clientSecret, List<String> scopes) {

  static ProviderSettings bind(Environment environment, String id, URI defaultBaseUrl) {
    ProviderSettings bound = Binder.get(environment).bind("git.providers." + id, ProviderSettings.class)
        .orElse(new ProviderSettings(null, null, null, null, null));
    return new ProviderSettings(bound.baseUrl == null ? defaultBaseUrl : bound.baseUrl, bound.apiUrl,
        bound.clientId, bound.clientSecret, bound.scopes == null ? List.of() : bound.scopes);
  }

  boolean hasCredentials() {
    return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
  }

  URI resolve(String path) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return URI.create(base + path);
  }

  @Override
  public String toString() {
    return "ProviderSettings[baseUrl=" + baseUrl + ", clientId=" + clientId + "]";
  }
}
