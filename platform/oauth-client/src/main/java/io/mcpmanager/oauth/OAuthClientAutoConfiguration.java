package io.mcpmanager.oauth;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** OAuth state store, token client and refresh single-flight for services that use this module. */
@AutoConfiguration(
    afterName = {
      "io.mcpmanager.kit.config.ServiceKitAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
    })
@EnableConfigurationProperties(OAuthClientProperties.class)
@ConditionalOnBean(DataSource.class)
public class OAuthClientAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  OAuthStates oauthStates(
      JdbcClient jdbc, Clock clock, OAuthClientProperties properties, Environment environment) {
    String key = properties.stateKey();
    if (key == null || key.isBlank()) {
      key = environment.getProperty("MCPM_OAUTH_STATE_KEY");
    }
    return new OAuthStates(jdbc, clock, properties.stateTtl(), key);
  }

  @Bean
  @ConditionalOnMissingBean
  OAuthTokenClient oauthTokenClient(OAuthClientProperties properties) {
    return new OAuthTokenClient(properties.connectTimeout(), properties.readTimeout());
  }

  @Bean
  @ConditionalOnMissingBean
  RefreshSingleFlight refreshSingleFlight(
      JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    return new RefreshSingleFlight(jdbc, transactionManager);
  }
}
