package io.mcpmanager.git.provider;

import io.mcpmanager.git.config.GitProperties;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A provider's {@code git.providers.<id>.*} with the public service's address filled in when no
 * base URL is configured (github.com, GitHub Enterprise Server, gitlab.com or a self-managed
 * GitLab).
 */
public record ProviderSettings(
    URI baseUrl,
    @Nullable URI apiUrl,
    @Nullable String clientId,
    @Nullable String clientSecret,
    List<String> scopes) {

  static ProviderSettings of(GitProperties.Provider configured, URI defaultBaseUrl) {
    return new ProviderSettings(
        configured.baseUrl() == null ? defaultBaseUrl : configured.baseUrl(),
        configured.apiUrl(),
        configured.clientId(),
        configured.clientSecret(),
        configured.scopes() == null ? List.of() : configured.scopes());
  }

  boolean hasCredentials() {
    return configuredCredentials() != null;
  }

  /** The client id and secret from the environment, when both are set. */
  ProviderCredentials.@Nullable Credentials configuredCredentials() {
    return clientId != null
            && !clientId.isBlank()
            && clientSecret != null
            && !clientSecret.isBlank()
        ? new ProviderCredentials.Credentials(clientId, clientSecret)
        : null;
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
