package io.mcpmanager.gateway.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.mcpmanager.gateway.testsupport.GatewayIntegrationTest;
import io.mcpmanager.gateway.testsupport.GatewayTestProperties;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * In the shared test configuration git-connection-service has no instance, audit-service's instance
 * refuses connections, and mcp-server-service is the WireMock backend (slow when stubbed so).
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamFailureTests extends GatewayIntegrationTest {

  /**
   * Far below the 45 s connect timeout a misconfigured gateway would wait for, yet lenient on a
   * busy machine.
   */
  private static final Duration FAST = Duration.ofSeconds(5);

  private static final int SLOW_BACKEND_MS = 10_000;

  @Autowired CircuitBreakerRegistry circuitBreakers;

  @Autowired ReactiveResilience4jBulkheadProvider bulkheads;

  /**
   * Token keys fetched, load balancer and HTTP client warmed up: timings measure the failure only.
   */
  @BeforeEach
  void warmUp() {
    String path = "/api/integrations/warm-up";
    backend.stubFor(get(path).willReturn(okJson("{}")));
    call(path).expectStatus().isOk();
  }

  @Test
  void shouldAnswerServiceUnavailableWhenNoInstanceIsRegistered() {
    long started = System.nanoTime();

    ResponseSpec response = call("/api/git/github/connections");

    expectServiceUnavailable(response);
    assertThat(elapsed(started)).isLessThan(FAST);
  }

  @Test
  void shouldAnswerServiceUnavailableWhenTheServiceRefusesConnections() {
    long started = System.nanoTime();

    ResponseSpec response = call("/api/audit/events");

    expectServiceUnavailable(response);
    assertThat(elapsed(started)).isLessThan(FAST);
  }

  @Test
  void shouldLogTheFailureWithTheRequestsTraceId(CapturedOutput output) {
    String traceId = UUID.randomUUID().toString().replace("-", "");

    gateway
        .get()
        .uri("/api/git/github/connections")
        .headers(h -> h.setBearerAuth(issuer.tokenFor("user-" + UUID.randomUUID())))
        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
        .exchange()
        .expectStatus()
        .isEqualTo(503);

    assertThat(output.getOut().lines().filter(line -> line.contains("Service unavailable for GET")))
        .anySatisfy(line -> assertThat(line).contains(traceId));
  }

  @Test
  void shouldOpenTheCircuitAfterRepeatedFailuresAndKeepAnsweringServiceUnavailable() {
    String user = "circuit-" + UUID.randomUUID();
    for (int i = 0; i < 4; i++) {
      call("/api/audit/events", user).expectStatus().isEqualTo(503);
    }

    assertThat(circuitBreakers.circuitBreaker("audit-service").getState())
        .isEqualTo(CircuitBreaker.State.OPEN);
    expectServiceUnavailable(call("/api/audit/events", user));
  }

  /**
   * Every route's circuit breaker also caps the calls in flight to the service (a bulkhead). Its
   * permits are taken here directly, as concurrent slow calls would take them, so the outcome does
   * not depend on timing.
   */
  @Test
  void shouldAnswerServiceUnavailableWhenTheRoutesBulkheadIsFull() {
    String path = "/api/mcp/bulkhead/" + UUID.randomUUID();
    backend.stubFor(get(path).willReturn(okJson("{}")));
    Bulkhead bulkhead = bulkheads.getBulkheadRegistry().bulkhead("mcp-server-service");
    int taken = 0;
    try {
      while (bulkhead.tryAcquirePermission()) {
        taken++;
      }
      assertThat(taken).isPositive();

      expectServiceUnavailable(call(path));
    } finally {
      for (int i = 0; i < taken; i++) {
        bulkhead.onComplete();
      }
    }
    backend.verify(0, getRequestedFor(urlEqualTo(path)));
    call(path).expectStatus().isOk();
  }

  @Test
  void shouldKeepTheCircuitClosedWhenOnlyTheBulkheadRefusesCalls() {
    String path = "/api/mcp/bulkhead/" + UUID.randomUUID();
    backend.stubFor(get(path).willReturn(okJson("{}")));
    Bulkhead bulkhead = bulkheads.getBulkheadRegistry().bulkhead("mcp-server-service");
    CircuitBreaker circuit = circuitBreakers.circuitBreaker("mcp-server-service");
    int taken = 0;
    try {
      while (bulkhead.tryAcquirePermission()) {
        taken++;
      }
      // More refusals than the default sliding window needs to open the circuit.
      for (int i = 0; i < 12; i++) {
        call(path).expectStatus().isEqualTo(503);
      }
    } finally {
      for (int i = 0; i < taken; i++) {
        bulkhead.onComplete();
      }
    }
    assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    call(path).expectStatus().isOk();
  }

  @Test
  void shouldAnswerGatewayTimeoutWhenTheServiceIsSlowerThanTheRouteTimeout() {
    String path = "/api/mcp/slow/" + UUID.randomUUID();
    backend.stubFor(get(path).willReturn(okJson("{}").withFixedDelay(SLOW_BACKEND_MS)));
    long started = System.nanoTime();

    ResponseSpec response = call(path);

    response
        .expectStatus()
        .isEqualTo(504)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .doesNotExist(HttpHeaders.RETRY_AFTER)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://mcp-manager.io/problems/gateway-timeout");
    assertThat(elapsed(started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(GatewayTestProperties.RESPONSE_TIMEOUT_MS))
        .isLessThan(Duration.ofMillis(SLOW_BACKEND_MS - 1_000));
  }

  private ResponseSpec call(String path) {
    return call(path, "user-" + UUID.randomUUID());
  }

  private ResponseSpec call(String path, String user) {
    return gateway.get().uri(path).headers(h -> h.setBearerAuth(issuer.tokenFor(user))).exchange();
  }

  private static void expectServiceUnavailable(ResponseSpec response) {
    response
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals(HttpHeaders.RETRY_AFTER, "7")
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://mcp-manager.io/problems/service-unavailable")
        .jsonPath("$.status")
        .isEqualTo(503)
        .jsonPath("$.detail")
        .isEqualTo("The service is temporarily unavailable. Retry later.");
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
