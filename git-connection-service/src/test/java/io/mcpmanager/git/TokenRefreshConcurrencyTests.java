package io.mcpmanager.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.events.EventTypes;
import io.mcpmanager.git.testdata.FakeProvider;
import io.mcpmanager.git.testdata.FakeProviders;
import io.mcpmanager.git.testdata.OAuthDance;
import io.mcpmanager.git.testdata.TestCallerAssertions;
import io.mcpmanager.kit.assertion.CallerAssertionVerifier;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas of the service on one database, 50 concurrent token requests for a connection about
 * to expire, and a token endpoint that rotates refresh tokens and revokes the family on reuse.
 */
@ServiceTest
@org.junit.jupiter.api.extension.ExtendWith(
    org.springframework.boot.test.system.OutputCaptureExtension.class)
class TokenRefreshConcurrencyTests {

  static ConfigurableApplicationContext secondReplica;

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired Environment environment;
  @LocalServerPort int port;

  FakeProvider gitlab = FakeProviders.gitlab();

  @AfterAll
  static void stopSecondReplica() {
    if (secondReplica != null) {
      secondReplica.close();
    }
  }

  int secondReplicaPort() {
    if (secondReplica == null) {
      // Command-line arguments: they outrank application.yml, like the environment of a real
      // replica.
      secondReplica =
          new SpringApplicationBuilder(GitConnectionServiceApplication.class)
              .run(
                  "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                  "--spring.datasource.username=postgres",
                  "--spring.datasource.password=",
                  "--mcpm.vault.uri=" + environment.getProperty("mcpm.vault.uri"),
                  // The replica logs in with the same AppRole (shipped policy) as this context.
                  "--mcpm.vault.app-role.role-id="
                      + environment.getProperty("mcpm.vault.app-role.role-id"),
                  "--mcpm.vault.app-role.secret-id="
                      + environment.getProperty("mcpm.vault.app-role.secret-id"),
                  "--mcpm.security.issuer-uri="
                      + environment.getProperty("mcpm.security.issuer-uri"),
                  "--spring.kafka.bootstrap-servers="
                      + environment.getProperty("spring.kafka.bootstrap-servers"),
                  "--eureka.client.enabled=false",
                  "--server.port=0",
                  "--management.server.port=0");
    }
    return Integer.parseInt(
        secondReplica.getEnvironment().getRequiredProperty("local.server.port"));
  }

  @Test
  void shouldRefreshExactlyOnceFor50ConcurrentRequestsAcrossTwoReplicas(
      org.springframework.boot.test.system.CapturedOutput output) throws Exception {
    gitlab.reset(7200L, true);
    String owner = UUID.randomUUID().toString();
    UUID id = OAuthDance.connect(mvc, gitlab, owner);
    String refreshBefore =
        jdbc.sql("SELECT refresh_token_enc FROM git_connection WHERE id = ?")
            .param(id)
            .query(String.class)
            .single();
    jdbc.sql("UPDATE git_connection SET expires_at = now() + interval '30 seconds' WHERE id = ?")
        .param(id)
        .update();
    gitlab.tokens().delayRefreshes(300);
    List<RestClient> replicas =
        List.of(
            RestClient.create("http://127.0.0.1:" + port),
            RestClient.create("http://127.0.0.1:" + secondReplicaPort()));
    String serviceToken = TestJwtIssuer.shared().serviceToken("mcp-server-service", "git.broker");

    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    List<Future<ResponseEntity<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      RestClient replica = replicas.get(i % 2);
      calls.add(
          pool.submit(
              () -> {
                go.await();
                return replica
                    .get()
                    .uri("/internal/git/connections/{id}/token?owner={owner}", id, owner)
                    .header(CallerAssertionVerifier.HEADER, TestCallerAssertions.forGit(owner, id))
                    .header("Authorization", "Bearer " + serviceToken)
                    .retrieve()
                    .toEntity(String.class);
              }));
    }
    go.countDown();
    List<String> tokens = new ArrayList<>();
    JsonMapper json = JsonMapper.builder().build();
    for (Future<ResponseEntity<String>> call : calls) {
      ResponseEntity<String> response = call.get();
      assertThat(response.getStatusCode().value()).isEqualTo(200);
      assertThat(response.getHeaders().getCacheControl()).contains("no-store");
      tokens.add(json.readTree(response.getBody()).path("access_token").asString());
    }
    pool.shutdown();

    assertThat(gitlab.tokens().refreshCalls()).isEqualTo(1);
    assertThat(gitlab.tokens().invalidGrants()).isZero();
    assertThat(tokens).hasSize(50).containsOnly(gitlab.tokens().lastAccessToken());
    assertThat(
            jdbc.sql("SELECT refresh_token_enc FROM git_connection WHERE id = ?")
                .param(id)
                .query(String.class)
                .single())
        .startsWith("vault:v")
        .isNotEqualTo(refreshBefore);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM outbox_event WHERE payload->>'type' = ? AND payload->>'subject' = ?")
                .params(EventTypes.GIT_REFRESHED, id.toString())
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM outbox_event WHERE payload->>'type' = ? AND payload->>'subject' = ?")
                .params(EventTypes.GIT_ACCESSED, id.toString())
                .query(Long.class)
                .single())
        .isEqualTo(50);
    assertThat(
            jdbc.sql("SELECT string_agg(payload::text, ' ') FROM outbox_event")
                .query(String.class)
                .single())
        .doesNotContain(gitlab.tokens().lastAccessToken());
    assertThat(output.getAll())
        .doesNotContain(gitlab.tokens().lastAccessToken())
        .doesNotContain("gitlab-token-rt-");
  }
}
