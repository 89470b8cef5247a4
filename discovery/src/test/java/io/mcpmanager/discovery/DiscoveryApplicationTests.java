package io.mcpmanager.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "management.server.port=0")
@AutoConfigureMetrics
class DiscoveryApplicationTests {

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @LocalManagementPort int managementPort;

  @Test
  void shouldServeTheRegistryOnTheEurekaPath() throws Exception {
    HttpResponse<String> response = get(port, "/eureka/apps", "application/json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"applications\"").contains("\"apps__hashcode\"");
  }

  @Test
  void shouldNotRegisterWithItself() throws Exception {
    HttpResponse<String> response = get(port, "/eureka/apps/DISCOVERY", "application/json");

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void shouldExposeProbesAndPrometheusOnTheManagementPort() throws Exception {
    assertThat(get(managementPort, "/actuator/health/liveness", "application/json").body())
        .contains("\"UP\"");
    assertThat(get(managementPort, "/actuator/health/readiness", "application/json").body())
        .contains("\"UP\"");

    HttpResponse<String> prometheus = get(managementPort, "/actuator/prometheus", "text/plain");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("jvm_memory_used_bytes")
        .contains("application=\"discovery\"");
  }

  @Test
  void shouldNotServeActuatorOnTheMainPort() throws Exception {
    assertThat(get(port, "/actuator/health", "application/json").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(int targetPort, String path, String accept)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + path))
            .header("Accept", accept)
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
