package io.mcpmanager.kit.config;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The kit's core, which every other part may use: the clock. The other parts are
 * auto-configurations of their own (see the kit's README), each switched on by what the service
 * has.
 */
@AutoConfiguration
public class ServiceKitAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
