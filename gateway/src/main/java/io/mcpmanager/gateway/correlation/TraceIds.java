package io.mcpmanager.gateway.correlation;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/** The trace id of the server observation of an exchange, for error bodies. */
public final class TraceIds {

  private TraceIds() {}

  /** The W3C trace id, or {@code null} when tracing is off. */
  public static @Nullable String current(ServerWebExchange exchange) {
    return span(exchange)
        .map(TraceContext::traceId)
        .filter(traceId -> !traceId.isEmpty())
        .orElse(null);
  }

  /**
   * Puts the exchange's trace and span ids into the logging MDC until closed. Reactor does not copy
   * the trace context into thread locals on every operator (that costs a fifth of the gateway's CPU
   * per request), so code that logs about an exchange sets them itself.
   */
  public static Scope inLogs(ServerWebExchange exchange) {
    TraceContext context = span(exchange).orElse(null);
    if (context == null || context.traceId().isEmpty()) {
      return () -> {};
    }
    MDC.put(TRACE_ID, context.traceId());
    MDC.put(SPAN_ID, context.spanId());
    return () -> {
      MDC.remove(TRACE_ID);
      MDC.remove(SPAN_ID);
    };
  }

  /** An MDC scope; closing it never throws. */
  public interface Scope extends AutoCloseable {

    @Override
    void close();
  }

  private static final String TRACE_ID = "traceId";

  private static final String SPAN_ID = "spanId";

  private static Optional<TraceContext> span(ServerWebExchange exchange) {
    return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
        .map(context -> context.<TracingContext>get(TracingContext.class))
        .map(TracingContext::getSpan)
        .map(Span::context);
  }
}
