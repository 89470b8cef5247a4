package io.mcpmanager.kit.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.testsupport.OpenBaoServer;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** A service whose Vault stops answers 503 with Retry-After, and writes nothing half-way. */
@ServiceTest
@TestPropertySource(properties = "mcpm.test.own-vault=true")
class VaultOutageTests {

  private static final OpenBaoServer vault = OpenBaoServer.start();

  @DynamicPropertySource
  static void vault(DynamicPropertyRegistry registry) {
    registry.add("mcpm.vault.uri", vault::address);
    registry.add("mcpm.vault.token", vault::rootToken);
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  @Test
  void shouldRegisterEveryVaultErrorCounterAtStartup() {
    for (String operation :
        new String[] {
          "encrypt",
          "decrypt",
          "rewrap",
          "sign",
          "verify",
          "rotate",
          "read-key",
          "create-key",
          "configure-key"
        }) {
      for (String kind : new String[] {"unavailable", "refused"}) {
        assertThat(
                meters
                    .find("mcpm.vault.errors")
                    .tag("operation", operation)
                    .tag("kind", kind)
                    .counter())
            .as("mcpm.vault.errors{operation=%s,kind=%s}", operation, kind)
            .isNotNull();
      }
    }
  }

  @Test
  void shouldAnswer503WithRetryAfterAndStoreNothingWhileVaultIsDown() throws Exception {
    String token = TestJwtIssuer.shared().userToken("alice");
    mvc.perform(
            post("/api/notes")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"secret_value\":\"before\"}"))
        .andExpect(status().isCreated());
    long notesBefore = count("fixture_note");
    long eventsBefore = count("outbox_event");
    double errorsBefore = vaultErrors("encrypt", "unavailable");

    vault.close();

    mvc.perform(
            post("/api/notes")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"secret_value\":\"during\"}"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.type").value(ProblemTypes.SECRET_STORE_UNAVAILABLE.toString()));
    assertThat(count("fixture_note")).isEqualTo(notesBefore);
    assertThat(count("outbox_event")).isLessThanOrEqualTo(eventsBefore);
    assertThat(vaultErrors("encrypt", "unavailable")).isGreaterThan(errorsBefore);
  }

  private double vaultErrors(String operation, String kind) {
    Counter counter =
        meters.find("mcpm.vault.errors").tag("operation", operation).tag("kind", kind).counter();
    return counter == null ? 0 : counter.count();
  }

  private long count(String table) {
    return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
  }
}
