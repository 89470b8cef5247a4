package io.mcpmanager.mcp.keyrotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.secrets.rotation.CiphertextStore;
import io.mcpmanager.kit.secrets.rotation.RewrapJob;
import io.mcpmanager.mcp.testdata.McpServiceTestBase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The kit's rewrap job over mcp-server-service's ciphertext column (the MCP session id), with the
 * service's AppRole and shipped policy: it moves to the newest key version, still decrypts, and the
 * server's optimistic-lock version is bumped.
 */
class McpKeyRotationTests extends McpServiceTestBase {

  @Autowired SecretCipher cipher;
  @Autowired RewrapJob rewrapJob;
  @Autowired List<CiphertextStore> stores;

  @Test
  void shouldRewrapTheSessionIdOfAServer() {
    assertThat(stores)
        .extracting(CiphertextStore::name)
        .containsExactly("mcp_server.session_ciphertext");
    String owner = newUser();
    UUID server = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO mcp_server (id, owner_id, name, url, status, session_ciphertext,"
                + " signing_key_name, key_version, key_created_at, created_at, updated_at, version)"
                + " VALUES (?, ?, 'rotation', 'https://mcp.example/mcp', 'active', ?, ?, 1, now(),"
                + " now(), now(), 0)")
        .params(server, owner, cipher.encrypt(owner, "session-1"), "mcp-server-" + server)
        .update();
    cipher.rotateKey();

    RewrapJob.Outcome outcome = rewrapJob.run();

    String ciphertext =
        jdbc.sql("SELECT session_ciphertext FROM mcp_server WHERE id = ?")
            .param(server)
            .query(String.class)
            .single();
    assertThat(SecretCipher.keyVersionOf(ciphertext)).isEqualTo(outcome.latestVersion());
    assertThat(cipher.decrypt(owner, ciphertext)).isEqualTo("session-1");
    assertThat(
            jdbc.sql("SELECT version FROM mcp_server WHERE id = ?")
                .param(server)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    // The row has no manager key in Vault: other tests' key jobs must not meet it.
    jdbc.sql("DELETE FROM mcp_server WHERE id = ?").param(server).update();
  }
}
