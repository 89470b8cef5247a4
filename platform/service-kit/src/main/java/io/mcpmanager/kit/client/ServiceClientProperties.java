package io.mcpmanager.kit.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This service's OAuth client for calls to other services ({@code mcpm.client.*}). The secret comes
 * from the environment ({@code MCPM_CLIENT_SECRET}), never from a file of the repository.
 *
 * @param id the client id registered at the issuer, e.g. {@code mcp-server-service}
 * @param scopes the scopes to ask for, e.g. {@code integrations.broker}
 * @param tokenUri defaults to the issuer ({@code mcpm.security.issuer-uri}) + {@code /oauth2/token}
 * @param clockSkew a token this close to expiry is replaced before it is used
 */
@ConfigurationProperties("mcpm.client")
public record ServiceClientProperties(
    @Nullable String id,
    @Nullable String secret,
    @DefaultValue List<String> scopes,
    @Nullable URI tokenUri,
    @DefaultValue("30s") Duration clockSkew) {

  @Override
  public String toString() {
    return "ServiceClientProperties[id="
        + id
        + ", scopes="
        + scopes
        + ", tokenUri="
        + tokenUri
        + "]";
  }
}
