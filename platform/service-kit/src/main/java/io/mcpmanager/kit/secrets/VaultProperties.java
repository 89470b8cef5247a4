package io.mcpmanager.kit.secrets;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service reaches Vault ({@code mcpm.vault.*}). Authentication is a token (local stack and
 * tests) or AppRole (compose, production); the token never appears in a file of the repository.
 *
 * @param transitPath mount path of the Transit engine
 * @param transitKey the service's encryption key (derived: one sub-key per owner)
 */
@ConfigurationProperties("mcpm.vault")
public record VaultProperties(
    @DefaultValue("http://127.0.0.1:8200") URI uri,
    @Nullable String token,
    @Nullable AppRole appRole,
    @DefaultValue("transit") String transitPath,
    @Nullable String transitKey,
    @DefaultValue("1s") Duration connectTimeout,
    @DefaultValue("5s") Duration readTimeout) {

  /** AppRole credentials; both come from the environment or a file mounted by the platform. */
  public record AppRole(@Nullable String roleId, @Nullable String secretId) {}
}
