package io.mcpmanager.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.auth.SmallLimitsAuthServerTest;
import io.mcpmanager.testsupport.MachineAddresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * auth-server's own limits on the endpoints browsers and clients reach directly, in a context with
 * small buckets. The test connects from loopback, a trusted proxy, and picks its client address
 * with {@code X-Forwarded-For}.
 */
class EdgeRateLimitTests extends SmallLimitsAuthServerTest {

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @ParameterizedTest
  @ValueSource(strings = {"/login", "/oauth2/token", "/oauth2/device_authorization"})
  void shouldAnswerTooManyRequestsAsProblemWithRetryAfterOnceTheAddressUsedItsBucket(String path) {
    String address = randomAddress();
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < CAPACITY + 2; i++) {
      answers.add(post("http://127.0.0.1:" + port, path, address));
    }

    assertThat(answers.subList(0, CAPACITY))
        .extracting(HttpResponse::statusCode)
        .doesNotContain(429);
    HttpResponse<String> refused = answers.getLast();
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(refused.headers().firstValue("Retry-After"))
        .hasValueSatisfying(
            seconds -> assertThat(Long.parseLong(seconds)).isPositive().isLessThanOrEqualTo(3600));
    assertThat(refused.body())
        .contains("https://mcp-manager.io/problems/rate-limited")
        .contains("\"status\":429");
    assertThat(post("http://127.0.0.1:" + port, path, randomAddress()).statusCode())
        .as("another address has its own bucket")
        .isNotEqualTo(429);
  }

  @Test
  void shouldNotGiveAnUntrustedPeerANewBucketForEverySpoofedForwardedFor() {
    String untrustedBase = "http://" + MachineAddresses.nonLoopbackIpv4() + ":" + port;
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < CAPACITY + 2; i++) {
      statuses.add(post(untrustedBase, "/oauth2/token", randomAddress()).statusCode());
    }

    assertThat(statuses.getLast()).as("the key is the peer, not the forged header").isEqualTo(429);
  }

  private HttpResponse<String> post(String base, String path, String forwardedFor) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", forwardedFor)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "client_id=mcpm-cli&grant_type=client_credentials"))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String randomAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
  }
}
