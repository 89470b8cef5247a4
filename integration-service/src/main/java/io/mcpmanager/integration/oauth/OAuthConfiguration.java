package io.mcpmanager.integration.oauth;

import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.secrets.SecretCipher;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** OAuth clients per provider and the single-flight refresher. */
@Configuration(proxyBeanMethods = false)
class OAuthConfiguration {

  @Bean
  GoogleTokenClient googleTokenClient(RestClient providerRestClient, IntegrationProperties properties,
      JsonMapper json, Clock clock) {
    return new GoogleTokenClient(providerRestClient, properties.google(), json, clock);
  }

  @Bean
  CredentialRefresher credentialRefresher(JdbcClient jdbc, TransactionTemplate transactions, SecretCipher cipher,
      List<OAuthTokenClient> clients, CredentialEvents events, Clock clock, IntegrationProperties properties,
      IntegrationMetrics metrics) {
    return new CredentialRefresher(jdbc, transactions, cipher, clients, events, clock, properties.refresh(),
        metrics);
  }
}
