package io.mcpmanager.git.keyrotation;

import io.mcpmanager.kit.secrets.rotation.CiphertextStore;
import io.mcpmanager.kit.secrets.rotation.JdbcCiphertextStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every column of git-connection-service that holds a ciphertext of its key (context = the
 * connection's owner). A connection's rewrap bumps its {@code @Version}; a pending revocation's
 * token column is never rewritten by its entity (it is not updatable), so a stale one cannot write
 * the old ciphertext back either.
 */
@Configuration(proxyBeanMethods = false)
class CiphertextColumns {

  @Bean
  CiphertextStore connectionAccessTokens(JdbcClient jdbc) {
    return connection(jdbc, "access_token_enc");
  }

  @Bean
  CiphertextStore connectionRefreshTokens(JdbcClient jdbc) {
    return connection(jdbc, "refresh_token_enc");
  }

  @Bean
  CiphertextStore pendingRevocationTokens(JdbcClient jdbc) {
    return JdbcCiphertextStore.of(jdbc, "pending_revocation", "access_token_enc")
        .ownedBy("owner_id");
  }

  private static CiphertextStore connection(JdbcClient jdbc, String column) {
    return JdbcCiphertextStore.of(jdbc, "git_connection", column)
        .ownedBy("owner_id")
        .versioned("version");
  }
}
