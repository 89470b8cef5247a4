package io.mcpmanager.gateway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Fires requests at a gateway and judges the rate limiter's answers. */
public final class RateLimitedCalls {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RateLimitedCalls() {}

  public record Outcome(int status, HttpHeaders headers, String body) {}

  public static Outcome call(WebTestClient gateway, HttpMethod method, String path, String token) {
    EntityExchangeResult<String> result =
        gateway
            .method(method)
            .uri(path)
            .headers(h -> h.setBearerAuth(token))
            .exchange()
            .expectBody(String.class)
            .returnResult();
    return new Outcome(
        result.getStatus().value(), result.getResponseHeaders(), result.getResponseBody());
  }

  public static long accepted(List<Outcome> outcomes) {
    return outcomes.stream().filter(outcome -> outcome.status() == 200).count();
  }

  /**
   * Burst plus every token refilled since {@code startedNanos}, plus one for a refill in flight.
   */
  public static long maxAccepted(
      int capacity, int refillTokens, long refillPeriodMillis, long startedNanos) {
    long elapsedMillis = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    return capacity + (elapsedMillis * refillTokens) / refillPeriodMillis + 1;
  }

  /**
   * Every answer is a 200 or a 429 problem with Retry-After and RateLimit headers; at least one
   * 429.
   */
  public static void assertRejectionsAreProblems(List<Outcome> outcomes) {
    assertThat(outcomes).extracting(Outcome::status).containsOnly(200, 429).contains(429);
    for (Outcome outcome : outcomes) {
      assertThat(outcome.headers().getFirst("RateLimit-Limit")).isNotBlank();
      assertThat(outcome.headers().getFirst("RateLimit-Remaining")).isNotBlank();
      assertThat(outcome.headers().getFirst("RateLimit-Reset")).isNotBlank();
      if (outcome.status() == 429) {
        assertThat(outcome.headers().getContentType())
            .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(outcome.headers().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9][0-9]*");
        assertThat(outcome.headers().getFirst("RateLimit-Remaining")).isEqualTo("0");
        JsonNode problem = JSON.readTree(outcome.body());
        assertThat(problem.path("type").asString())
            .isEqualTo("https://mcp-manager.io/problems/rate-limited");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("title").asString()).isEqualTo("Too Many Requests");
      }
    }
  }
}
