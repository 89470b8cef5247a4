package io.mcpmanager.integration.keyrotation;

import io.mcpmanager.kit.secrets.rotation.CiphertextStore;
import io.mcpmanager.kit.secrets.rotation.JdbcCiphertextStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every column of integration-service that holds a ciphertext of its key (context = the account's
 * owner). A rewrap bumps the account's {@code @Version}, so an account loaded before it cannot
 * write the old ciphertext back.
 */
@Configuration(proxyBeanMethods = false)
class CiphertextColumns {

  @Bean
  CiphertextStore accountCredentials(JdbcClient jdbc) {
    return account(jdbc, "credential_ciphertext");
  }

  @Bean
  CiphertextStore accountRefreshTokens(JdbcClient jdbc) {
    return account(jdbc, "refresh_token_ciphertext");
  }

  @Bean
  CiphertextStore accountPreviousCredentials(JdbcClient jdbc) {
    return account(jdbc, "previous_credential_ciphertext");
  }

  private static CiphertextStore account(JdbcClient jdbc, String column) {
    return JdbcCiphertextStore.of(jdbc, "integration_account", column)
        .ownedBy("owner_id")
        .versioned("version");
  }
}
