package io.mcpmanager.gateway.request;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/** The trace id of the server observation of an exchange, for error bodies. */
public final class TraceIds {

	private TraceIds() {
	}

	/** The W3C trace id, or {@code null} when tracing is off. */
	public static String current(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map(context -> context.<TracingContext>get(TracingContext.class))
			.map(TracingContext::getSpan)
			.map(Span::context)
			.map(context -> context.traceId())
			.filter(traceId -> !traceId.isEmpty())
			.orElse(null);
	}

}
