package io.mcpmanager.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whose bucket a request draws from: the authenticated user ({@code sub}), else the client address
 * as the gateway's socket sees it (forwarded headers are not trusted for this).
 */
class RateLimitKeyResolver {

  Mono<String> resolve(ServerWebExchange exchange) {
    return exchange
        .getPrincipal()
        .map(RateLimitKeyResolver::userKey)
        .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientAddress(exchange)));
  }

  private static String userKey(Principal principal) {
    if (principal instanceof JwtAuthenticationToken jwt && jwt.getToken().getSubject() != null) {
      return "user:" + jwt.getToken().getSubject();
    }
    return "user:" + principal.getName();
  }

  private static String clientAddress(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    if (remote == null) {
      return "unknown";
    }
    return remote.getAddress() != null
        ? remote.getAddress().getHostAddress()
        : remote.getHostString();
  }
}
