package io.mcpmanager.integration.provider;

import io.mcpmanager.integration.catalog.IntegrationType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sentry: {@code GET /api/0/organizations/{org}/} needs {@code org:read}; a self-hosted instance is
 * named by {@code meta.base_url}, otherwise the configured (sentry.io) base URL is used.
 */
@Component
class SentryValidator implements ProviderValidator {

  @Override
  public IntegrationType type() {
    return IntegrationType.SENTRY;
  }

  @Override
  public @Nullable String baseUrl(@Nullable String configured, Map<String, String> meta) {
    String selfHosted = meta.get("base_url");
    return selfHosted != null && !selfHosted.isBlank() ? selfHosted : configured;
  }

  @Override
  public ProviderRequest request(String baseUrl, String secret, Map<String, String> meta) {
    String org = URLEncoder.encode(meta.get("organization"), StandardCharsets.UTF_8);
    return ProviderRequest.get(baseUrl, "/api/0/organizations/" + org + "/").bearer(secret);
  }
}
