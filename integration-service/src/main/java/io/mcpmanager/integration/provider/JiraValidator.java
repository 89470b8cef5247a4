package io.mcpmanager.integration.provider;

import io.mcpmanager.integration.catalog.IntegrationType;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Jira Cloud: {@code GET /rest/api/3/myself} with basic auth {@code email:api_token} on the user's
 * site. A configured base URL (local stack, tests) takes precedence over the site in meta.
 */
@Component
class JiraValidator implements ProviderValidator {

  @Override
  public IntegrationType type() {
    return IntegrationType.JIRA;
  }

  @Override
  public @Nullable String baseUrl(@Nullable String configured, Map<String, String> meta) {
    return configured != null && !configured.isBlank() ? configured : meta.get("site_url");
  }

  @Override
  public ProviderRequest request(String baseUrl, String secret, Map<String, String> meta) {
    return ProviderRequest.get(baseUrl, "/rest/api/3/myself")
        .basic(Objects.requireNonNull(meta.get("email"), "jira meta has an email"), secret)
        .header("Accept", "application/json");
  }
}
