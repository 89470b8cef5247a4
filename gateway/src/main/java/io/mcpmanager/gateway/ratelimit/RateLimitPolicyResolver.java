package io.mcpmanager.gateway.ratelimit;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** Picks the policy of a request: the sensitive one for the configured method and path patterns. */
class RateLimitPolicyResolver {

  private final RateLimitPolicy defaultPolicy;

  private final RateLimitPolicy sensitivePolicy;

  private final List<Matcher> sensitive;

  RateLimitPolicyResolver(RateLimitProperties properties) {
    this.defaultPolicy = RateLimitPolicy.of("default", properties.defaultPolicy());
    this.sensitivePolicy = RateLimitPolicy.of("sensitive", properties.sensitivePolicy());
    this.sensitive =
        properties.sensitiveRoutes().stream()
            .map(
                route ->
                    new Matcher(
                        route.method(), PathPatternParser.defaultInstance.parse(route.path())))
            .toList();
  }

  RateLimitPolicy resolve(ServerHttpRequest request) {
    PathContainer path = request.getPath().pathWithinApplication();
    String method = request.getMethod().name();
    return sensitive.stream().anyMatch(matcher -> matcher.matches(method, path))
        ? sensitivePolicy
        : defaultPolicy;
  }

  List<RateLimitPolicy> policies() {
    return List.of(defaultPolicy, sensitivePolicy);
  }

  private record Matcher(@Nullable String method, PathPattern path) {

    boolean matches(String requestMethod, PathContainer requestPath) {
      return (!StringUtils.hasText(method) || method.equalsIgnoreCase(requestMethod))
          && path.matches(requestPath);
    }
  }
}
