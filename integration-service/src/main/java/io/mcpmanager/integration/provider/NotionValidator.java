package io.mcpmanager.integration.provider;

import io.mcpmanager.integration.catalog.IntegrationType;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Notion: {@code GET /v1/users/me} returns the bot user of an integration token. */
@Component
class NotionValidator implements ProviderValidator {

  static final String NOTION_VERSION = "2022-06-28";

  @Override
  public IntegrationType type() {
    return IntegrationType.NOTION;
  }

  @Override
  public ProviderRequest request(String baseUrl, String secret, Map<String, String> meta) {
    return ProviderRequest.get(baseUrl, "/v1/users/me")
        .bearer(secret)
        .header("Notion-Version", NOTION_VERSION);
  }
}
