package io.mcpmanager.gateway.security;

import io.mcpmanager.gateway.problem.ProblemResponseWriter;
import io.mcpmanager.gateway.problem.ProblemType;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A request Spring Security's firewall rejects (an encoded slash, semicolon, NUL or a character
 * that is not UTF-8 in the path, a header with a control character) answers a 400 problem+json with
 * the usual security headers, not Spring's empty 400. The detail does not echo the request.
 */
@Component
class FirewallRejections implements ServerExchangeRejectedHandler {

  private final ProblemResponseWriter problems;
  private final ServerHttpHeadersWriter headers = SecurityHeaders.writer();

  FirewallRejections(ProblemResponseWriter problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
    return headers
        .writeHttpHeaders(exchange)
        .then(
            problems.write(
                exchange,
                ProblemType.BAD_REQUEST,
                "The request path or a header holds a character or encoding that is not allowed"));
  }
}
