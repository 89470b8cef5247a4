package io.mcpmanager.git.provider;

import io.mcpmanager.git.config.GitProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.Versioned;

/**
 * OAuth client credentials of a provider: from the environment ({@code
 * GIT_PROVIDERS_<P>_CLIENT_ID}, {@code ..._CLIENT_SECRET}) or else from Vault KV v2 at {@code
 * <mount>/<path>/<provider>} with the keys {@code client_id} and {@code client_secret}. Read lazily
 * and cached once found.
 */
@Component
public class ProviderCredentials {

  private static final Logger log = LoggerFactory.getLogger(ProviderCredentials.class);

  /** A client id and secret; {@link #toString()} hides the secret. */
  public record Credentials(String clientId, String clientSecret) {
    @Override
    public String toString() {
      return "Credentials[clientId=" + clientId + "]";
    }
  }

  private final ObjectProvider<VaultTemplate> vault;
  private final String mount;
  private final String path;
  private final Map<String, Credentials> fromVault = new ConcurrentHashMap<>();

  public ProviderCredentials(ObjectProvider<VaultTemplate> vault, GitProperties properties) {
    this.vault = vault;
    this.mount = properties.credentials().kvMount();
    this.path = properties.credentials().kvPath();
  }

  /** The credentials, or null when neither the environment nor Vault has them. */
  public @Nullable Credentials resolve(String providerId, ProviderSettings settings) {
    Credentials configured = settings.configuredCredentials();
    if (configured != null) {
      return configured;
    }
    Credentials cached = fromVault.get(providerId);
    if (cached != null) {
      return cached;
    }
    Credentials read = readVault(providerId);
    if (read != null) {
      fromVault.put(providerId, read);
    }
    return read;
  }

  private @Nullable Credentials readVault(String providerId) {
    VaultTemplate template = vault.getIfAvailable();
    if (template == null) {
      return null;
    }
    try {
      Versioned<Map<String, Object>> secret =
          template.opsForVersionedKeyValue(mount).get(path + "/" + providerId);
      if (secret == null || !secret.hasData()) {
        return null;
      }
      Object id = secret.getRequiredData().get("client_id");
      Object key = secret.getRequiredData().get("client_secret");
      return id == null || key == null ? null : new Credentials(id.toString(), key.toString());
    } catch (RuntimeException e) {
      log.warn(
          "could not read {} client credentials from Vault KV {}/{}: {}",
          providerId,
          mount,
          path,
          e.getClass().getSimpleName());
      return null;
    }
  }
}
