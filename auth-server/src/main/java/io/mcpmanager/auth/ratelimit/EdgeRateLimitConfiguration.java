package io.mcpmanager.auth.ratelimit;

import io.mcpmanager.auth.config.AuthProperties;
import io.mcpmanager.kit.error.ProblemResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers the limiter ahead of Spring Security's filters, so refused requests cost no password
 * check.
 */
@Configuration(proxyBeanMethods = false)
class EdgeRateLimitConfiguration {

  /** Spring Security's filter chain runs at order -100. */
  private static final int BEFORE_SECURITY = -101;

  @Bean
  FilterRegistrationBean<EdgeRateLimitFilter> edgeRateLimitFilter(
      AuthProperties properties, ProblemResponses problems, JsonMapper json) {
    FilterRegistrationBean<EdgeRateLimitFilter> registration =
        new FilterRegistrationBean<>(
            new EdgeRateLimitFilter(properties.rateLimit(), problems, json));
    registration.setOrder(BEFORE_SECURITY);
    return registration;
  }
}
