package io.mcpmanager.mcp.integration;

import io.mcpmanager.mcp.config.McpProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class CredentialSourceConfiguration {

  @Bean
  CredentialSource credentialSource(RestClient.Builder builder, McpProperties properties,
      ServiceTokenSupplier tokens) {
    return new RestCredentialSource(builder, properties.broker(), tokens);
  }

  /**
   * Placeholder until the platform's service-to-service client (client credentials from
   * auth-server) is wired in: brokering answers 503 instead of calling without a token. A
   * {@code @Primary} {@link ServiceTokenSupplier} bean replaces it.
   */
  @Bean
  ServiceTokenSupplier unconfiguredServiceTokens() {
    return () -> {
      throw CredentialSourceUnavailableException.of("auth-server (no service token source configured)", null);
    };
  }
}
