package io.mcpmanager.kit.security;

import io.mcpmanager.kit.error.ProblemAutoConfiguration;
import io.mcpmanager.kit.error.ProblemResponses;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service as an OAuth2 resource server ({@link ResourceServerConfiguration}), 401/403 as
 * problem+json, {@link CurrentUser} parameters and the step-up guard of {@link
 * RequiresRecentSecondFactor} handlers. Ordered before Boot's web security, whose default filter
 * chain, JWT decoder and generated user back off for the kit's.
 */
@AutoConfiguration(
    after = ProblemAutoConfiguration.class,
    beforeName = {
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class})
@EnableConfigurationProperties(SecurityProperties.class)
@Import(ResourceServerConfiguration.class)
public class ResourceServerAutoConfiguration {

  @Bean
  ProblemSecurityHandlers problemSecurityHandlers(ProblemResponses problems, JsonMapper json) {
    return new ProblemSecurityHandlers(problems, json);
  }

  /** Spring Security's filter chain proxy picks this up for every chain of the service. */
  @Bean
  RequestRejectedHandler problemRequestRejectedHandler(ProblemSecurityHandlers handlers) {
    return handlers.requestRejectedHandler();
  }

  @Bean
  RecentSecondFactor recentSecondFactor(
      SecurityProperties properties,
      ObjectProvider<Clock> clock,
      ObjectProvider<SecondFactorEnrolments> enrolments) {
    return new RecentSecondFactor(
        properties.stepUpMaxAge(),
        clock.getIfAvailable(Clock::systemUTC),
        enrolments.getIfAvailable(() -> userId -> false));
  }

  @Bean
  WebMvcConfigurer currentUserResolver(
      RecentSecondFactor recentSecondFactor, ProblemSecurityHandlers handlers) {
    SecondFactorGuard guard = new SecondFactorGuard(recentSecondFactor, handlers);
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserArgumentResolver());
      }

      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(guard);
      }
    };
  }
}
