package io.mcpmanager.gateway.correlation;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: the caller's when it is well formed, a new UUID
 * otherwise. It is relayed to the service and returned to the caller, errors included.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

  public static final String HEADER = "X-Request-Id";

  static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

  /** Short and plain, so that a caller cannot inject anything into logs or headers downstream. */
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
    String requestId =
        incoming != null && ACCEPTED.matcher(incoming).matches()
            ? incoming
            : UUID.randomUUID().toString();
    exchange.getAttributes().put(ATTRIBUTE, requestId);
    exchange.getResponse().getHeaders().set(HEADER, requestId);
    ServerHttpRequest request =
        exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, requestId)).build();
    return chain.filter(exchange.mutate().request(request).build());
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  /** The id of this exchange, or {@code null} before this filter ran. */
  public static @Nullable String requestId(ServerWebExchange exchange) {
    return exchange.getAttribute(ATTRIBUTE);
  }
}
