package io.mcpmanager.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.gateway.testsupport.GatewayReplica;
import io.mcpmanager.gateway.testsupport.GatewayTestProperties;
import io.mcpmanager.gateway.testsupport.RateLimitedCalls;
import io.mcpmanager.gateway.testsupport.RateLimitedCalls.Outcome;
import io.mcpmanager.gateway.testsupport.RedisServerProcess;
import io.mcpmanager.gateway.testsupport.TestBackend;
import io.mcpmanager.gateway.testsupport.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two gateway replicas sharing one real {@code redis-server}: the limit holds for their combined
 * traffic. The last test stops Redis and checks each replica falls back to its own buckets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisRateLimitIntegrationTests {

  private static final int CAPACITY = GatewayTestProperties.DEFAULT_CAPACITY;

  private static RedisServerProcess redis;

  private static ConfigurableApplicationContext firstGateway;

  private static ConfigurableApplicationContext secondGateway;

  private static WebTestClient first;

  private static WebTestClient second;

  private final TestIssuer issuer = TestIssuer.shared();

  @BeforeAll
  static void startRedisAndTwoGateways() {
    TestBackend.shared()
        .stubFor(any(urlPathMatching("/api/integrations/.*")).willReturn(okJson("{}")));
    redis = RedisServerProcess.start();
    firstGateway = startGateway(redis.port());
    secondGateway = startGateway(redis.port());
    first = client(firstGateway);
    second = client(secondGateway);
  }

  @AfterAll
  static void stopAll() {
    for (ConfigurableApplicationContext context :
        new ConfigurableApplicationContext[] {firstGateway, secondGateway}) {
      if (context != null) {
        context.close();
      }
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  @Order(1)
  void shouldHoldTheLimitAcrossReplicasForOneUser() {
    String user = "replicated-" + UUID.randomUUID();
    String token = issuer.tokenFor(user);
    List<Outcome> fromFirst = new ArrayList<>();
    List<Outcome> fromSecond = new ArrayList<>();
    long started = System.nanoTime();

    for (int i = 0; i < 8; i++) {
      fromFirst.add(RateLimitedCalls.call(first, HttpMethod.GET, "/api/integrations/list", token));
      fromSecond.add(
          RateLimitedCalls.call(second, HttpMethod.GET, "/api/integrations/list", token));
    }

    List<Outcome> all = new ArrayList<>(fromFirst);
    all.addAll(fromSecond);
    long accepted = RateLimitedCalls.accepted(all);
    // Separate buckets per replica would accept 2 x CAPACITY.
    assertThat(accepted)
        .isGreaterThanOrEqualTo(CAPACITY)
        .isLessThanOrEqualTo(
            RateLimitedCalls.maxAccepted(
                CAPACITY, 1, GatewayTestProperties.DEFAULT_REFILL_PERIOD_MS, started));
    assertThat(RateLimitedCalls.accepted(fromFirst)).isPositive();
    assertThat(RateLimitedCalls.accepted(fromSecond)).isPositive();
    assertThat(fromFirst).extracting(Outcome::status).contains(429);
    assertThat(fromSecond).extracting(Outcome::status).contains(429);
    RateLimitedCalls.assertRejectionsAreProblems(all);
    assertThat(
            firstGateway
                .getBean(ReactiveStringRedisTemplate.class)
                .hasKey(RedisRateLimitStore.KEY_PREFIX + "default:user:" + user)
                .block(Duration.ofSeconds(2)))
        .isTrue();
  }

  @Test
  @Order(2)
  void shouldLimitEachReplicaOnItsOwnWhileRedisIsDown() {
    redis.close();
    assertThat(redis.ping()).isFalse();
    String token = issuer.tokenForNewUser();
    long started = System.nanoTime();

    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < CAPACITY + 3; i++) {
      outcomes.add(RateLimitedCalls.call(first, HttpMethod.GET, "/api/integrations/list", token));
    }

    assertThat(RateLimitedCalls.accepted(outcomes))
        .isGreaterThanOrEqualTo(CAPACITY)
        .isLessThanOrEqualTo(
            RateLimitedCalls.maxAccepted(
                CAPACITY, 1, GatewayTestProperties.DEFAULT_REFILL_PERIOD_MS, started));
    RateLimitedCalls.assertRejectionsAreProblems(outcomes);
    assertThat(
            firstGateway
                .getBean(MeterRegistry.class)
                .get(FallbackRateLimitStore.FAILURES_METRIC)
                .tag("store", "redis")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(outcomes.size());
  }

  private static ConfigurableApplicationContext startGateway(int redisPort) {
    return GatewayReplica.start(
        Map.of(
            "mcpm.gateway.rate-limit.store", "redis",
            "spring.data.redis.host", "127.0.0.1",
            "spring.data.redis.port", redisPort));
  }

  private static WebTestClient client(ConfigurableApplicationContext context) {
    return GatewayReplica.client(context);
  }
}
