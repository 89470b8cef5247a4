package io.mcpmanager.mcp.config;

import io.mcpmanager.kit.security.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(McpProperties.class)
@EnableScheduling
class McpConfiguration {

  /**
   * On public paths the bearer token is not the platform's: the broker endpoint carries a JWT the
   * MCP server signed itself (verified by the broker), so the resource server must not try to
   * decode it. Everywhere else tokens are read as usual.
   */
  @Bean
  BearerTokenResolver bearerTokenResolver(SecurityProperties security) {
    DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
    RequestMatcher publicPaths =
        security.publicPaths().isEmpty()
            ? request -> false
            : new OrRequestMatcher(
                security.publicPaths().stream()
                    .<RequestMatcher>map(
                        path -> PathPatternRequestMatcher.withDefaults().matcher(path))
                    .toList());
    return (HttpServletRequest request) ->
        publicPaths.matches(request) ? null : standard.resolve(request);
  }
}
