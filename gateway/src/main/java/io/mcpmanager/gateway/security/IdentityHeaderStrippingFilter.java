package io.mcpmanager.gateway.security;

import io.mcpmanager.gateway.correlation.RequestIdFilter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Removes headers a caller could use to pose as someone else to a service that trusts its caller:
 * identity is only ever what the bearer token proves. ({@code X-Forwarded-*} and {@code Forwarded}
 * are dropped by Spring Cloud Gateway and rewritten by {@code ClientAddressHeadersFilter}.)
 */
@Component
public class IdentityHeaderStrippingFilter implements WebFilter, Ordered {

  private static final Set<String> STRIPPED =
      Set.of("x-user-id", "x-user-roles", "x-forwarded-user", "x-real-ip");

  private static final String STRIPPED_PREFIX = "x-mcpm-";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    List<String> spoofed =
        exchange.getRequest().getHeaders().headerNames().stream()
            .filter(IdentityHeaderStrippingFilter::isIdentityHeader)
            .toList();
    if (spoofed.isEmpty()) {
      return chain.filter(exchange);
    }
    ServerHttpRequest request =
        exchange.getRequest().mutate().headers(headers -> spoofed.forEach(headers::remove)).build();
    return chain.filter(exchange.mutate().request(request).build());
  }

  static boolean isIdentityHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return STRIPPED.contains(lower) || lower.startsWith(STRIPPED_PREFIX);
  }

  @Override
  public int getOrder() {
    return RequestIdFilter.ORDER + 1;
  }
}
