package io.mcpmanager.gateway.ratelimit;

import io.mcpmanager.gateway.request.ClientAddresses;
import java.security.Principal;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whose bucket a request draws from: the authenticated user ({@code sub}), else the client address
 * (through the trusted proxies only, so every caller behind an ingress is not one bucket, and no
 * caller picks a fresh bucket by sending {@code X-Forwarded-For}).
 */
class RateLimitKeyResolver {

  private final ClientAddresses addresses;

  RateLimitKeyResolver(ClientAddresses addresses) {
    this.addresses = addresses;
  }

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

  private String clientAddress(ServerWebExchange exchange) {
    String client = addresses.client(exchange.getRequest());
    return client == null ? "unknown" : client;
  }
}
