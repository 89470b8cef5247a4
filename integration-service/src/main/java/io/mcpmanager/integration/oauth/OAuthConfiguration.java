package io.mcpmanager.integration.oauth;

import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.integration.provider.GoogleOAuthClients;
import io.mcpmanager.oauth.OAuthStates;
import io.mcpmanager.oauth.OAuthTokenClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** This service's OAuth client at Google and its authorization flow. */
@Configuration(proxyBeanMethods = false)
class OAuthConfiguration {

  @Bean
  GoogleOAuthClients googleOAuthClients(
      IntegrationProperties properties, RestClient providerRestClient) {
    return new GoogleOAuthClients(properties, providerRestClient);
  }

  @Bean
  GoogleAuthorizationFlow googleAuthorizationFlow(
      GoogleOAuthClients clients, OAuthStates states, OAuthTokenClient tokens) {
    return new GoogleAuthorizationFlow(clients, states, tokens);
  }
}
