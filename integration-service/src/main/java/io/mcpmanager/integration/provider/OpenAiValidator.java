package io.mcpmanager.integration.provider;

import io.mcpmanager.integration.catalog.IntegrationType;
import java.util.Map;
import org.springframework.stereotype.Component;

/** OpenAI: {@code GET /v1/models} lists models a key may use. */
@Component
class OpenAiValidator implements ProviderValidator {

  @Override
  public IntegrationType type() {
    return IntegrationType.OPENAI;
  }

  @Override
  public ProviderRequest request(String baseUrl, String secret, Map<String, String> meta) {
    return ProviderRequest.get(baseUrl, "/v1/models").bearer(secret);
  }
}
