package io.mcpmanager.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import org.springframework.web.client.RestClient;

/**
 * Checks every service makes on its management port: ready, and Prometheus metrics tagged with its
 * name.
 */
public final class ManagementPort {

  private ManagementPort() {}

  /**
   * Asserts readiness UP and the application tag; returns the Prometheus text for further checks.
   */
  public static String assertReadyWithMetrics(int managementPort, String application) {
    RestClient management = RestClient.create("http://127.0.0.1:" + managementPort);
    assertThat(management.get().uri("/actuator/health/readiness").retrieve().body(String.class))
        .contains("\"UP\"");
    String prometheus =
        Objects.requireNonNull(
            management.get().uri("/actuator/prometheus").retrieve().body(String.class),
            "no Prometheus body");
    assertThat(prometheus).contains("application=\"" + application + "\"");
    return prometheus;
  }
}
