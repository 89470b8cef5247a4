package io.mcpmanager.gateway.request;

import io.mcpmanager.gateway.correlation.RequestIdFilter;
import io.mcpmanager.gateway.problem.GatewayProblemException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rejects request bodies above the limit with 413: at once when {@code Content-Length} says so, and
 * while streaming for chunked bodies (the relay is then aborted before the service sees a complete
 * request).
 */
@Component
public class RequestBodyLimitFilter implements WebFilter, Ordered {

  private final DataSize limit;

  public RequestBodyLimitFilter(RequestProperties properties) {
    this.limit = properties.maxBodySize();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long declared = exchange.getRequest().getHeaders().getContentLength();
    if (declared > limit.toBytes()) {
      return Mono.error(GatewayProblemException.payloadTooLarge(limit));
    }
    ServerHttpRequest limited = new LimitedBodyRequest(exchange.getRequest(), limit);
    return chain.filter(exchange.mutate().request(limited).build());
  }

  @Override
  public int getOrder() {
    return RequestIdFilter.ORDER + 2;
  }

  private static final class LimitedBodyRequest extends ServerHttpRequestDecorator {

    private final DataSize limit;

    LimitedBodyRequest(ServerHttpRequest delegate, DataSize limit) {
      super(delegate);
      this.limit = limit;
    }

    @Override
    public Flux<DataBuffer> getBody() {
      AtomicLong total = new AtomicLong();
      return super.getBody()
          .handle(
              (buffer, sink) -> {
                if (total.addAndGet(buffer.readableByteCount()) > limit.toBytes()) {
                  DataBufferUtils.release(buffer);
                  sink.error(GatewayProblemException.payloadTooLarge(limit));
                } else {
                  sink.next(buffer);
                }
              });
    }
  }
}
