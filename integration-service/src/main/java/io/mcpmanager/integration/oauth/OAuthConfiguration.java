package io.mcpmanager.integration.oauth;

import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.oauth.OAuthStates;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/** OAuth clients and authorization flows per provider, and the single-flight refresher. */
@Configuration(proxyBeanMethods = false)
class OAuthConfiguration {

  @Bean
  GoogleOAuthClients googleOAuthClients(IntegrationProperties properties) {
    return new GoogleOAuthClients(properties);
  }

  @Bean
  GoogleTokenClient googleTokenClient(io.mcpmanager.oauth.OAuthTokenClient tokens, GoogleOAuthClients clients,
      RestClient providerRestClient, IntegrationProperties properties, Clock clock) {
    return new GoogleTokenClient(tokens, clients, providerRestClient, properties.google().revokeUri(), clock);
  }

  @Bean
  GoogleAuthorizationFlow googleAuthorizationFlow(GoogleOAuthClients clients, OAuthStates states,
      io.mcpmanager.oauth.OAuthTokenClient tokens, Clock clock) {
    return new GoogleAuthorizationFlow(clients, states, tokens, clock);
  }

  @Bean
  CredentialRefresher credentialRefresher(JdbcClient jdbc, TransactionTemplate transactions, SecretCipher cipher,
      List<OAuthTokenClient> clients, CredentialEvents events, Clock clock, IntegrationProperties properties,
      IntegrationMetrics metrics) {
    return new CredentialRefresher(jdbc, transactions, cipher, clients, events, clock, properties.refresh(),
        metrics);
  }
}
