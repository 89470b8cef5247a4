package io.mcpmanager.git.keyrotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.secrets.rotation.CiphertextStore;
import io.mcpmanager.kit.secrets.rotation.RewrapJob;
import io.mcpmanager.testsupport.ServiceTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The kit's rewrap job over every ciphertext column of git-connection-service, with the service's
 * AppRole and shipped policy: each stored token moves to the newest key version and still decrypts.
 */
@ServiceTest
class GitKeyRotationTests {

  @Autowired JdbcClient jdbc;
  @Autowired SecretCipher cipher;
  @Autowired RewrapJob rewrapJob;
  @Autowired List<CiphertextStore> stores;

  @Test
  void shouldRewrapTheTokensOfConnectionsAndPendingRevocations() {
    assertThat(stores)
        .extracting(CiphertextStore::name)
        .containsExactlyInAnyOrder(
            "git_connection.access_token_enc",
            "git_connection.refresh_token_enc",
            "pending_revocation.access_token_enc");
    String owner = "rotation-" + UUID.randomUUID();
    UUID connection = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO git_connection (id, owner_id, provider, external_user_id,"
                + " access_token_enc, refresh_token_enc, token_hint, status, connected_at,"
                + " updated_at, version) VALUES (?, ?, 'github', ?, ?, ?, '…', 'active', now(),"
                + " now(), 0)")
        .params(
            connection,
            owner,
            owner,
            cipher.encrypt(owner, "access"),
            cipher.encrypt(owner, "refresh"))
        .update();
    jdbc.sql(
            "INSERT INTO pending_revocation (id, connection_id, owner_id, provider,"
                + " access_token_enc, attempts, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, 'github', ?, 0, now(), now())")
        .params(UUID.randomUUID(), connection, owner, cipher.encrypt(owner, "revoke-me"))
        .update();
    cipher.rotateKey();

    RewrapJob.Outcome outcome = rewrapJob.run();

    List<String> ciphertexts =
        jdbc.sql(
                "SELECT access_token_enc FROM git_connection WHERE owner_id = :owner UNION ALL"
                    + " SELECT refresh_token_enc FROM git_connection WHERE owner_id = :owner"
                    + " UNION ALL SELECT access_token_enc FROM pending_revocation"
                    + " WHERE owner_id = :owner")
            .param("owner", owner)
            .query(String.class)
            .list();
    assertThat(ciphertexts)
        .hasSize(3)
        .allSatisfy(
            c -> assertThat(SecretCipher.keyVersionOf(c)).isEqualTo(outcome.latestVersion()));
    assertThat(ciphertexts.stream().map(c -> cipher.decrypt(owner, c)))
        .containsExactly("access", "refresh", "revoke-me");
  }
}
