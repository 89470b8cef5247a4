package io.mcpmanager.gateway.security;

import io.mcpmanager.gateway.problem.ProblemResponseWriter;
import io.mcpmanager.gateway.problem.ProblemType;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 as problem+json with an RFC 6750 {@code WWW-Authenticate} challenge. The reason a token was
 * refused (expired, bad signature, wrong issuer) is logged by Spring Security, not told to the
 * caller.
 */
class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

  private final ProblemResponseWriter writer;

  ProblemAuthenticationEntryPoint(ProblemResponseWriter writer) {
    this.writer = writer;
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
    HttpHeaders headers = new HttpHeaders();
    if (ex instanceof InvalidBearerTokenException || hasBearerToken(exchange)) {
      headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
      return writer.write(
          exchange,
          ProblemType.UNAUTHORIZED,
          "The bearer token is invalid or has expired.",
          headers);
    }
    headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return writer.write(exchange, ProblemType.UNAUTHORIZED, "A bearer token is required.", headers);
  }

  private static boolean hasBearerToken(ServerWebExchange exchange) {
    String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
  }
}
