package io.mcpmanager.mcp.integration;

import io.mcpmanager.kit.assertion.CallerAssertionSigner;
import io.mcpmanager.kit.client.ServiceRestClient;
import io.mcpmanager.mcp.config.McpProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class CredentialSourceConfiguration {

  /**
   * The owning services, found through discovery and called with this service's client-credentials
   * token (the kit's {@link ServiceRestClient} builder). Without {@code MCPM_CLIENT_ID} there is no
   * such client, and brokering answers 503 rather than calling without a token; likewise without a
   * caller assertion key ({@code mcpm.assertion.signing-key}, needs Vault).
   */
  @Bean
  CredentialSource credentialSource(
      @ServiceRestClient ObjectProvider<RestClient.Builder> services,
      ObjectProvider<CallerAssertionSigner> assertions,
      McpProperties properties) {
    RestClient.Builder builder = services.getIfAvailable();
    CallerAssertionSigner signer = assertions.getIfAvailable();
    return builder == null || signer == null
        ? new NoServiceClientCredentialSource()
        : new RestCredentialSource(builder, signer, properties.broker().timeout());
  }
}
