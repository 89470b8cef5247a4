package io.mcpmanager.gateway.problem;

import io.mcpmanager.gateway.correlation.RequestIdFilter;
import io.mcpmanager.gateway.correlation.TraceIds;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes {@code application/problem+json} answers: the one place that shapes an error body. */
@Component
public class ProblemResponseWriter {

  private final JsonMapper jsonMapper;

  public ProblemResponseWriter(JsonMapper jsonMapper) {
    this.jsonMapper = jsonMapper;
  }

  public Mono<Void> write(
      ServerWebExchange exchange, ProblemType type, String detail, HttpHeaders extraHeaders) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    Problem problem =
        Problem.of(
            type,
            detail,
            exchange.getRequest().getPath().value(),
            RequestIdFilter.requestId(exchange),
            TraceIds.current(exchange));
    byte[] body = jsonMapper.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);

    response.setStatusCode(type.status());
    HttpHeaders headers = response.getHeaders();
    extraHeaders.forEach(headers::put);
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.setContentLength(body.length);
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    DataBuffer buffer = response.bufferFactory().wrap(body);
    return response.writeWith(Mono.just(buffer));
  }

  public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
    return write(exchange, type, detail, HttpHeaders.EMPTY);
  }
}
