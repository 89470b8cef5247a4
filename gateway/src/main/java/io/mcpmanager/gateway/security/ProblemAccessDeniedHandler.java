package io.mcpmanager.gateway.security;

import io.mcpmanager.gateway.problem.ProblemResponseWriter;
import io.mcpmanager.gateway.problem.ProblemType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 403 as problem+json. */
class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

  private final ProblemResponseWriter writer;

  ProblemAccessDeniedHandler(ProblemResponseWriter writer) {
    this.writer = writer;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
    return writer.write(exchange, ProblemType.FORBIDDEN, "You are not allowed to do this.");
  }
}
