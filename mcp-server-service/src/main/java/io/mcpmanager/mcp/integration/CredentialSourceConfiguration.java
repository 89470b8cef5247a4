package io.mcpmanager.mcp.integration;

import io.mcpmanager.kit.client.ServiceClientAutoConfiguration;
import io.mcpmanager.kit.client.ServiceRestClient;
import io.mcpmanager.mcp.config.McpProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class CredentialSourceConfiguration {

  @Bean
  CredentialSource credentialSource(RestClient.Builder builder, McpProperties properties,
      ServiceTokenSupplier tokens) {
    return new RestCredentialSource(builder, properties.broker(), tokens);
  }

  /**
   * This service's client-credentials token from auth-server, through the kit's client (cached and
   * renewed by Spring Security). Without {@code MCPM_CLIENT_ID} there is no client, and brokering
   * answers 503 rather than calling without a token.
   */
  @Bean
  ServiceTokenSupplier serviceTokens(@ServiceRestClient ObjectProvider<OAuth2AuthorizedClientManager> clients,
      @Value("${mcpm.client.id:}") String clientId) {
    return () -> {
      OAuth2AuthorizedClientManager manager = clients.getIfAvailable();
      if (manager == null) {
        throw CredentialSourceUnavailableException.of("auth-server (no service client: set MCPM_CLIENT_ID)", null);
      }
      try {
        OAuth2AuthorizedClient client = manager.authorize(OAuth2AuthorizeRequest
            .withClientRegistrationId(ServiceClientAutoConfiguration.REGISTRATION_ID).principal(clientId).build());
        if (client == null) {
          throw CredentialSourceUnavailableException.of("auth-server (no token granted)", null);
        }
        return client.getAccessToken().getTokenValue();
      } catch (RuntimeException e) {
        if (e instanceof CredentialSourceUnavailableException unavailable) {
          throw unavailable;
        }
        throw CredentialSourceUnavailableException.of("auth-server", e);
      }
    };
  }
}
