package io.mcpmanager.kit.events;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The disabled-owners table and its listener, for services that broker or refresh a user's
 * credentials: they set {@code mcpm.user-status.enabled=true}.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
    })
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "mcpm.user-status", name = "enabled", havingValue = "true")
public class UserStatusAutoConfiguration {

  @Bean
  DisabledOwners disabledOwners(JdbcClient jdbc) {
    return new DisabledOwners(jdbc);
  }

  @Bean
  UserStatusListener userStatusListener(DisabledOwners owners, JsonMapper json) {
    return new UserStatusListener(owners, json);
  }
}
