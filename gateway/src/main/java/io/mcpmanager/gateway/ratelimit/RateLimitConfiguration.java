package io.mcpmanager.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.mcpmanager.gateway.request.ClientAddresses;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "mcpm.gateway.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfiguration {

  @Bean
  RateLimitPolicyResolver rateLimitPolicyResolver(RateLimitProperties properties) {
    return new RateLimitPolicyResolver(properties);
  }

  @Bean
  RateLimitStore rateLimitStore(
      RateLimitProperties properties,
      RateLimitPolicyResolver policies,
      ObjectProvider<ReactiveStringRedisTemplate> redis,
      MeterRegistry registry) {
    Duration idleEviction =
        policies.policies().stream()
            .map(RateLimitPolicy::timeToFull)
            .max(Comparator.naturalOrder())
            .orElseThrow()
            .plusMinutes(1);
    InMemoryRateLimitStore inMemory = new InMemoryRateLimitStore(idleEviction);
    return switch (properties.store()) {
      case MEMORY -> inMemory;
      case REDIS ->
          new FallbackRateLimitStore(
              new RedisRateLimitStore(redis.getObject()),
              inMemory,
              properties.storeTimeout(),
              registry);
    };
  }

  @Bean
  RateLimitFilter rateLimitFilter(
      RateLimitPolicyResolver policies,
      RateLimitStore store,
      ClientAddresses addresses,
      MeterRegistry registry) {
    return new RateLimitFilter(policies, new RateLimitKeyResolver(addresses), store, registry);
  }

  /**
   * Fail Redis commands at once while disconnected rather than queueing them until they time out.
   */
  @Bean
  LettuceClientOptionsBuilderCustomizer rejectRedisCommandsWhileDisconnected() {
    return options ->
        options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
  }
}
