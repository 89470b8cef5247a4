package io.mcpmanager.integration.account;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.testdata.Tokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** The schema refuses what the code must never do, whatever code path tries. */
class IntegrationAccountSchemaTests extends IntegrationServiceTestBase {

  private void insert(String ownerId, String status, String ciphertext) {
    jdbc.sql(
            """
            INSERT INTO integration_account (id, owner_id, type, auth_method, credential_ciphertext,
              credential_version, credential_created_at, status, created_at, updated_at, version)
            VALUES (:id, :owner, 'notion', 'API_TOKEN', :c, 1, now(), :status, now(), now(), 0)""")
        .param("id", UUID.randomUUID())
        .param("owner", ownerId)
        .param("c", ciphertext)
        .param("status", status)
        .update();
  }

  @Test
  void shouldRefuseAPlaintextCredential() {
    assertThatThrownBy(() -> insert(Tokens.user(), "ACTIVE", "secret_plaintext"))
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("integration_account_credential_is_ciphertext");
  }

  @Test
  void shouldRefuseASecondLiveIntegrationOfATypeButAllowInactiveOnes() {
    String owner = Tokens.user();
    insert(owner, "ACTIVE", "vault:v1:abc");
    insert(owner, "INACTIVE", "vault:v1:def");

    assertThatThrownBy(() -> insert(owner, "ERROR", "vault:v1:ghi"))
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("integration_account_one_active_per_type");
  }

  @Test
  void shouldRefuseATombstoneThatStillHoldsCiphertext() {
    assertThatThrownBy(() -> insert(Tokens.user(), "REVOKED", "vault:v1:abc"))
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("integration_account_revoked_has_no_secret");
  }
}
