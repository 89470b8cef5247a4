package io.mcpmanager.integration.provider;

import io.mcpmanager.integration.catalog.IntegrationType;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One per provider: which documented read-only identity endpoint proves a credential works, and how
 * to read answers that the common status mapping (401/403/404/429/5xx) does not settle.
 */
public interface ProviderValidator {

  IntegrationType type();

  /**
   * @param baseUrl the configured API root of the provider
   * @param secret the credential (API token or OAuth access token)
   * @param meta the integration's validated non-secret settings
   */
  ProviderRequest request(String baseUrl, String secret, Map<String, String> meta);

  /** Judges a 2xx answer; most providers: it is valid. */
  default ValidationResult onSuccess(@Nullable JsonNode body) {
    return ValidationResult.valid();
  }

  /** Judges a 4xx answer other than 401, 403, 404 and 429. */
  default ValidationResult onClientError(int status, @Nullable JsonNode body) {
    return ValidationResult.rejected(ValidationResult.Problem.INVALID_CREDENTIALS);
  }

  /**
   * The base URL to call: meta may name a self-hosted site for some providers; absent when none is
   * known.
   */
  default @Nullable String baseUrl(@Nullable String configured, Map<String, String> meta) {
    return configured;
  }
}
