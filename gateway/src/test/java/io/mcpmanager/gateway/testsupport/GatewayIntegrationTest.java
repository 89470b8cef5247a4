package io.mcpmanager.gateway.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mcpmanager.events.Topics;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One gateway context shared by every test class that extends this (same configuration, so the
 * Spring test context cache starts it once), with the in-memory rate-limit store. The Redis store
 * has its own test with two gateways.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"management.server.port=0", "mcpm.gateway.rate-limit.store=memory"})
@AutoConfigureMetrics
@AutoConfigureTracing
@EmbeddedKafka(
    topics = {Topics.AUTH_SERVER_EVENTS, Topics.INTEGRATION_SERVICE_EVENTS},
    bootstrapServersProperty = "mcpm.gateway.revocation.bootstrap-servers")
public abstract class GatewayIntegrationTest {

  protected final TestIssuer issuer = TestIssuer.shared();

  protected final WireMockServer backend = TestBackend.shared();

  @LocalServerPort protected int port;

  @LocalManagementPort protected int managementPort;

  protected WebTestClient gateway;

  protected WebTestClient management;

  @DynamicPropertySource
  static void gatewayProperties(DynamicPropertyRegistry registry) {
    GatewayTestProperties.common().forEach((name, value) -> registry.add(name, () -> value));
  }

  @BeforeEach
  void clients() {
    gateway = client(port);
    management = client(managementPort);
  }

  protected static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(20))
        // The embedded Kafka broker in the same JVM makes /actuator/prometheus larger than 256 KB.
        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
        .build();
  }
}
