package io.mcpmanager.git.provider;

import io.mcpmanager.git.config.GitProperties;
import java.net.URI;
import java.util.List;

/**
 * A provider's {@code git.providers.<id>.*} with the public service's address filled in when no base
 * URL is configured (github.com, GitHub Enterprise Server, gitlab.com or a self-managed GitLab).
 */
public record ProviderSettings(URI baseUrl, URI apiUrl, String clientId, String clientSecret, List<String> scopes) {

  static ProviderSettings of(GitProperties.Provider configured, URI defaultBaseUrl) {
    return new ProviderSettings(configured.baseUrl() == null ? defaultBaseUrl : configured.baseUrl(),
        configured.apiUrl(), configured.clientId(), configured.clientSecret(),
        configured.scopes() == null ? List.of() : configured.scopes());
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
