package io.mcpmanager.integration.provider;

import io.mcpmanager.integration.catalog.IntegrationType;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Todoist: {@code GET /rest/v2/projects} (REST API v2) with the personal API token. */
@Component
class TodoistValidator implements ProviderValidator {

  @Override
  public IntegrationType type() {
    return IntegrationType.TODOIST;
  }

  @Override
  public ProviderRequest request(String baseUrl, String secret, Map<String, String> meta) {
    return ProviderRequest.get(baseUrl, "/rest/v2/projects").bearer(secret);
  }
}
