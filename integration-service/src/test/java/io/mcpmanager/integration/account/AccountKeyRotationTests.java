package io.mcpmanager.integration.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.secrets.rotation.RewrapJob;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

/**
 * The kit's rewrap job over integration-service's own ciphertext columns, with the service's
 * AppRole and shipped policy: every stored credential moves to the newest key version and still
 * decrypts, and an account loaded before the rewrap cannot write its old ciphertext back.
 */
class AccountKeyRotationTests extends IntegrationServiceTestBase {

  @Autowired IntegrationAccountRepository accounts;
  @Autowired SecretCipher cipher;
  @Autowired RewrapJob rewrapJob;
  @Autowired MeterRegistry meters;

  @Test
  void shouldMoveEveryCredentialToTheNewestKeyVersionAndKeepItDecryptable() {
    String owner = "rotation-" + UUID.randomUUID();
    Instant now = Instant.now();
    IntegrationAccount gmail =
        accounts.save(
            IntegrationAccount.withOAuth(
                owner,
                IntegrationType.GMAIL,
                cipher.encrypt(owner, "gmail-access"),
                cipher.encrypt(owner, "gmail-refresh"),
                "…cess",
                now.plus(Duration.ofHours(1)),
                null,
                now));
    IntegrationAccount notion =
        accounts.save(
            IntegrationAccount.withApiToken(
                owner,
                IntegrationType.NOTION,
                cipher.encrypt(owner, "notion-token"),
                "…oken",
                Map.of(),
                now,
                null));
    IntegrationAccount stale = accounts.findById(notion.id()).orElseThrow();
    cipher.rotateKey();

    RewrapJob.Outcome outcome = rewrapJob.run();

    List<Map<String, Object>> rows =
        jdbc.sql(
                "SELECT type, credential_ciphertext, refresh_token_ciphertext"
                    + " FROM integration_account WHERE owner_id = ?")
            .param(owner)
            .query()
            .listOfRows();
    assertThat(rows).hasSize(2);
    for (Map<String, Object> row : rows) {
      assertThat(SecretCipher.keyVersionOf((String) row.get("credential_ciphertext")))
          .isEqualTo(outcome.latestVersion());
    }
    Map<String, Object> gmailRow =
        rows.stream()
            .filter(r -> "gmail".equalsIgnoreCase((String) r.get("type")))
            .findFirst()
            .orElseThrow();
    assertThat(SecretCipher.keyVersionOf((String) gmailRow.get("refresh_token_ciphertext")))
        .isEqualTo(outcome.latestVersion());
    assertThat(cipher.decrypt(owner, (String) gmailRow.get("credential_ciphertext")))
        .isEqualTo("gmail-access");
    assertThat(cipher.decrypt(owner, (String) gmailRow.get("refresh_token_ciphertext")))
        .isEqualTo("gmail-refresh");
    assertThat(outcome.rewrapped()).isGreaterThanOrEqualTo(3);
    assertThat(outcome.retired())
        .as("a version just added has not settled: a request may still commit the previous one")
        .isFalse();
    assertThat(
            meters
                .get("mcpm.rewrap.remaining")
                .tag("store", "integration_account.previous_credential_ciphertext")
                .gauge())
        .isNotNull();

    stale.deactivate(Instant.now());
    assertThatThrownBy(() -> accounts.save(stale))
        .as("the rewrap bumped the version: the old ciphertext is never written back")
        .isInstanceOf(ObjectOptimisticLockingFailureException.class);
    String notionCiphertext =
        jdbc.sql("SELECT credential_ciphertext FROM integration_account WHERE id = ?")
            .param(notion.id())
            .query(String.class)
            .single();
    assertThat(cipher.decrypt(owner, notionCiphertext)).isEqualTo("notion-token");
    assertThat(SecretCipher.keyVersionOf(notionCiphertext)).isEqualTo(outcome.latestVersion());
  }
}
