package io.mcpmanager.gateway.revocation;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class RevocationConfiguration {

  @Bean
  DisabledUsers disabledUsers() {
    return new DisabledUsers();
  }

  @Bean
  RevokedSessions revokedSessions() {
    return new RevokedSessions(Clock.systemUTC());
  }

  @Bean
  UserStatusFollower userStatusFollower(
      RevocationProperties properties,
      DisabledUsers disabled,
      RevokedSessions revokedSessions,
      ObjectProvider<PatRevocations> patRevocations,
      JsonMapper json) {
    return new UserStatusFollower(
        properties,
        disabled,
        revokedSessions,
        patRevocations.orderedStream().toList(),
        json,
        Clock.systemUTC());
  }

  @Bean
  RevocationHealthIndicator revocationHealthIndicator(UserStatusFollower follower) {
    return new RevocationHealthIndicator(follower);
  }
}
