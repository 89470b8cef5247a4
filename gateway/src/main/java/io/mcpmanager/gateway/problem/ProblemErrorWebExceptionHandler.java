package io.mcpmanager.gateway.problem;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.mcpmanager.gateway.correlation.TraceIds;
import io.mcpmanager.gateway.upstream.UpstreamProperties;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Turns every error that reaches the web handler (unrouted paths, upstream failures, limits) into
 * problem+json. Details are chosen here, never copied from an exception message.
 */
@Component
@Order(-2)
public class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

  private final ProblemResponseWriter writer;

  private final Duration retryAfter;

  public ProblemErrorWebExceptionHandler(
      ProblemResponseWriter writer, UpstreamProperties upstream) {
    this.writer = writer;
    this.retryAfter = upstream.retryAfter();
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(error);
    }
    try (TraceIds.Scope logs = TraceIds.inLogs(exchange)) {
      return problemFor(exchange, error);
    }
  }

  private Mono<Void> problemFor(ServerWebExchange exchange, Throwable error) {
    if (error instanceof GatewayProblemException problem) {
      return writer.write(exchange, problem.type(), problem.detail(), problem.getHeaders());
    }
    if (isUpstreamUnavailable(error)) {
      return serviceUnavailable(exchange, error);
    }
    if (hasCause(error, TimeoutException.class)) {
      return gatewayTimeout(exchange);
    }
    if (hasCause(error, PrematureCloseException.class)
        || hasCause(error, ClosedChannelException.class)) {
      log.warn(
          "Upstream closed the connection for {} {}",
          exchange.getRequest().getMethod(),
          exchange.getRequest().getPath());
      return writer.write(
          exchange, ProblemType.BAD_GATEWAY, "The service closed the connection unexpectedly.");
    }
    if (error instanceof ResponseStatusException statusException) {
      return fromStatus(
          exchange, statusException.getStatusCode().value(), statusException.getHeaders(), error);
    }
    ResponseStatus annotated =
        AnnotatedElementUtils.findMergedAnnotation(error.getClass(), ResponseStatus.class);
    if (annotated != null) {
      return fromStatus(exchange, annotated.code().value(), HttpHeaders.EMPTY, error);
    }
    log.error(
        "Unexpected error for {} {}",
        exchange.getRequest().getMethod(),
        exchange.getRequest().getPath(),
        error);
    return writer.write(exchange, ProblemType.INTERNAL_ERROR, "An unexpected error occurred.");
  }

  private Mono<Void> fromStatus(
      ServerWebExchange exchange, int status, HttpHeaders headers, Throwable error) {
    return switch (status) {
      case 404 -> writer.write(exchange, ProblemType.NOT_FOUND, "No resource exists at this path.");
      case 405 ->
          writer.write(
              exchange,
              ProblemType.METHOD_NOT_ALLOWED,
              "The method is not allowed for this path.",
              headers);
      case 413 ->
          writer.write(exchange, ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large.");
      case 503 -> serviceUnavailable(exchange, error);
      case 504 -> gatewayTimeout(exchange);
      default -> {
        ProblemType type = ProblemType.forStatus(status);
        if (type.status().is5xxServerError()) {
          log.error(
              "Gateway error {} for {} {}",
              status,
              exchange.getRequest().getMethod(),
              exchange.getRequest().getPath(),
              error);
        }
        yield writer.write(
            exchange,
            type,
            type.status().is5xxServerError()
                ? "An unexpected error occurred."
                : "The request could not be processed.");
      }
    };
  }

  private Mono<Void> serviceUnavailable(ServerWebExchange exchange, Throwable error) {
    log.warn(
        "Service unavailable for {} {}: {}",
        exchange.getRequest().getMethod(),
        exchange.getRequest().getPath(),
        error.toString());
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(retryAfter));
    return writer.write(
        exchange,
        ProblemType.SERVICE_UNAVAILABLE,
        "The service is temporarily unavailable. Retry later.",
        headers);
  }

  private Mono<Void> gatewayTimeout(ServerWebExchange exchange) {
    // No Retry-After: the service may have processed the request, so a blind retry is not safe.
    return writer.write(
        exchange, ProblemType.GATEWAY_TIMEOUT, "The service did not answer in time.");
  }

  /**
   * The service cannot take the call now: not reachable, its circuit is open, or its bulkhead (the
   * concurrent calls the gateway lets through to it) is full. Each passes soon, so: 503 and
   * Retry-After.
   */
  private static boolean isUpstreamUnavailable(Throwable error) {
    return hasCause(error, ConnectException.class)
        || hasCause(error, UnknownHostException.class)
        || hasCause(error, CallNotPermittedException.class)
        || hasCause(error, BulkheadFullException.class);
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable current = error; current != null; current = current.getCause()) {
      if (type.isInstance(current)) {
        return true;
      }
      if (current.getCause() == current) {
        break;
      }
    }
    return false;
  }
}
