package io.mcpmanager.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.appinfo.DataCenterInfo;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.MyDataCenterInfo;
import com.netflix.discovery.shared.resolver.DefaultEndpoint;
import com.netflix.discovery.shared.transport.EurekaHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.configuration.TlsProperties;
import org.springframework.cloud.netflix.eureka.TimeoutProperties;
import org.springframework.cloud.netflix.eureka.http.DefaultEurekaClientHttpRequestFactorySupplier;
import org.springframework.cloud.netflix.eureka.http.RestClientTransportClientFactory;
import org.springframework.web.client.RestClient;

@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "mcpm.discovery.username=registrar",
      "mcpm.discovery.password=" + DiscoveryApplicationTests.PASSWORD
    })
@AutoConfigureMetrics
class DiscoveryApplicationTests {

  static final String PASSWORD = "test-only-registry-password";

  private static final String INSTANCE =
      """
      {"instance": {"instanceId": "127.0.0.1:probe-app:8099", "hostName": "127.0.0.1",
        "app": "PROBE-APP", "ipAddr": "127.0.0.1", "status": "UP",
        "port": {"$": 8099, "@enabled": "true"},
        "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo",
          "name": "MyOwn"}}}
      """;

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @LocalManagementPort int managementPort;

  @Test
  void shouldServeTheRegistryOnTheEurekaPath() throws Exception {
    HttpResponse<String> response =
        get(port, "/eureka/apps", "application/json", basic("registrar", PASSWORD));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"applications\"").contains("\"apps__hashcode\"");
  }

  @Test
  void shouldNotRegisterWithItself() throws Exception {
    HttpResponse<String> response =
        get(port, "/eureka/apps/DISCOVERY", "application/json", basic("registrar", PASSWORD));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Nested
  class Authentication {

    @Test
    void shouldRefuseAnAnonymousRegistration() throws Exception {
      HttpResponse<String> response = register("ANON-APP", null);

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
      assertThat(
              get(port, "/eureka/apps/ANON-APP", "application/json", basic("registrar", PASSWORD))
                  .statusCode())
          .isEqualTo(404);
    }

    @Test
    void shouldAcceptARegistrationWithTheAccount() throws Exception {
      HttpResponse<String> response = register("PROBE-APP", basic("registrar", PASSWORD));

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(
              get(port, "/eureka/apps/PROBE-APP", "application/json", basic("registrar", PASSWORD))
                  .body())
          .contains("127.0.0.1:probe-app:8099");
    }

    @Test
    void shouldRefuseAWrongPasswordOrUser() throws Exception {
      assertThat(register("WRONG-APP", basic("registrar", PASSWORD + "x")).statusCode())
          .isEqualTo(401);
      assertThat(register("WRONG-APP", basic("someone", PASSWORD)).statusCode()).isEqualTo(401);
      assertThat(
              get(port, "/eureka/apps/WRONG-APP", "application/json", basic("registrar", PASSWORD))
                  .statusCode())
          .isEqualTo(404);
    }

    @Test
    void shouldRefuseAnonymousLookUpsAndTheDashboard() throws Exception {
      assertThat(get(port, "/eureka/apps", "application/json", null).statusCode()).isEqualTo(401);
      assertThat(get(port, "/", "text/html", null).statusCode()).isEqualTo(401);
      assertThat(get(port, "/", "text/html", basic("registrar", PASSWORD)).statusCode())
          .isEqualTo(200);
    }

    @Test
    void shouldLetTheEurekaClientRegisterWithItsUserinfoUrlAndRefuseAWrongPassword() {
      RestClientTransportClientFactory transport =
          new RestClientTransportClientFactory(
              new TlsProperties(),
              new DefaultEurekaClientHttpRequestFactorySupplier(new TimeoutProperties(), Set.of()),
              RestClient::builder);
      try {
        EurekaHttpClient rightAccount =
            transport.newClient(
                new DefaultEndpoint(
                    "http://registrar:" + PASSWORD + "@127.0.0.1:" + port + "/eureka/"));
        EurekaHttpClient wrongPassword =
            transport.newClient(
                new DefaultEndpoint(
                    "http://registrar:not-the-password-at-all@127.0.0.1:" + port + "/eureka/"));

        assertThat(wrongPassword.register(instance("WRONG-CLIENT")).getStatusCode()).isEqualTo(401);
        assertThat(rightAccount.register(instance("RIGHT-CLIENT")).getStatusCode()).isEqualTo(204);
        assertThat(rightAccount.getApplication("RIGHT-CLIENT").getStatusCode()).isEqualTo(200);
        assertThat(rightAccount.getApplication("WRONG-CLIENT").getStatusCode()).isEqualTo(404);
      } finally {
        transport.shutdown();
      }
    }

    private static InstanceInfo instance(String app) {
      return InstanceInfo.Builder.newBuilder()
          .setAppName(app)
          .setInstanceId("127.0.0.1:" + app.toLowerCase(java.util.Locale.ROOT) + ":8098")
          .setHostName("127.0.0.1")
          .setIPAddr("127.0.0.1")
          .setPort(8098)
          .setStatus(InstanceInfo.InstanceStatus.UP)
          .setDataCenterInfo(new MyDataCenterInfo(DataCenterInfo.Name.MyOwn))
          .build();
    }

    @Test
    void shouldLeaveTheProbesOpenOnTheManagementPort() throws Exception {
      assertThat(
              get(managementPort, "/actuator/health/readiness", "application/json", null)
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void shouldExposeProbesAndPrometheusOnTheManagementPort() throws Exception {
    assertThat(get(managementPort, "/actuator/health/liveness", "application/json", null).body())
        .contains("\"UP\"");
    assertThat(get(managementPort, "/actuator/health/readiness", "application/json", null).body())
        .contains("\"UP\"");

    HttpResponse<String> prometheus =
        get(managementPort, "/actuator/prometheus", "text/plain", null);
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("jvm_memory_used_bytes")
        .contains("application=\"discovery\"");
  }

  @Test
  void shouldNotServeActuatorOnTheMainPort() throws Exception {
    assertThat(
            get(port, "/actuator/health", "application/json", basic("registrar", PASSWORD))
                .statusCode())
        .isEqualTo(404);
  }

  private HttpResponse<String> register(String app, @Nullable String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/eureka/apps/" + app))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(INSTANCE.replace("PROBE-APP", app)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(
      int targetPort, String path, String accept, @Nullable String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + path))
            .header("Accept", accept)
            .GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
