package io.mcpmanager.gateway.ratelimit;

import io.mcpmanager.gateway.problem.GatewayProblemException;
import io.mcpmanager.gateway.problem.RetryAfter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Takes a token for every routed request before it leaves the gateway. Answers carry the {@code
 * RateLimit-*} headers (limit, remaining, seconds until the bucket is full); a rejection is a 429
 * problem with {@code Retry-After} and is counted by route and policy.
 */
class RateLimitFilter implements GlobalFilter, Ordered {

  static final String REJECTIONS_METRIC = "mcpm.gateway.rate.limit.rejections";

  static final String LIMIT_HEADER = "RateLimit-Limit";

  static final String REMAINING_HEADER = "RateLimit-Remaining";

  static final String RESET_HEADER = "RateLimit-Reset";

  /** After authentication (a web filter), before the circuit breaker and the load balancer. */
  static final int ORDER = -100;

  private final RateLimitPolicyResolver policies;

  private final RateLimitKeyResolver keys;

  private final RateLimitStore store;

  private final MeterRegistry registry;

  RateLimitFilter(
      RateLimitPolicyResolver policies,
      RateLimitKeyResolver keys,
      RateLimitStore store,
      MeterRegistry registry) {
    this.policies = policies;
    this.keys = keys;
    this.store = store;
    this.registry = registry;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    RateLimitPolicy policy = policies.resolve(exchange.getRequest());
    return keys.resolve(exchange)
        .flatMap(key -> store.tryConsume(key, policy))
        .flatMap(
            decision -> {
              HttpHeaders headers = exchange.getResponse().getHeaders();
              headers.set(LIMIT_HEADER, Long.toString(decision.limit()));
              headers.set(REMAINING_HEADER, Long.toString(Math.max(0, decision.remaining())));
              headers.set(RESET_HEADER, RetryAfter.seconds(decision.resetAfter()));
              if (decision.allowed()) {
                return chain.filter(exchange);
              }
              rejections(exchange, policy).increment();
              return Mono.error(GatewayProblemException.rateLimited(decision.retryAfter()));
            });
  }

  private Counter rejections(ServerWebExchange exchange, RateLimitPolicy policy) {
    Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    return Counter.builder(REJECTIONS_METRIC)
        .description("Requests rejected by the gateway rate limiter")
        .tag("route", route != null ? route.getId() : "none")
        .tag("policy", policy.name())
        .register(registry);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
