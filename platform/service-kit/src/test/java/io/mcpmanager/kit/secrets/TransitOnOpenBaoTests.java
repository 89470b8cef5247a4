package io.mcpmanager.kit.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.testsupport.OpenBaoServer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/** The secret cipher and signer against a real OpenBao (Vault API). */
class TransitOnOpenBaoTests {

  private static final OpenBaoServer vault = OpenBaoServer.shared();
  private static final VaultTemplate template =
      new VaultTemplate(
          VaultEndpoint.from(java.net.URI.create(vault.address())),
          new TokenAuthentication(vault.rootToken()));

  private final SecretCipher cipher =
      new SecretCipher(template.opsForTransit("transit"), "cipher-" + UUID.randomUUID());
  private final TransitSigner signer = new TransitSigner(template, "transit");

  @Test
  void shouldHashTheSameValueAlikeAndKeepItsKeyVersionThroughARotation() {
    String key = "hmac-" + UUID.randomUUID();
    KeyedHash hash = new KeyedHash(template.opsForTransit("transit"), key);

    String first = hash.hash("mcpm_pat_value");
    template.opsForTransit("transit").rotate(key);

    assertThat(first).startsWith("vault:v1:").isEqualTo(hash.hash("mcpm_pat_value"));
    assertThat(hash.hash("mcpm_pat_other")).isNotEqualTo(first);
    assertThat(template.opsForTransit("transit").getKey(key).isExportable()).isFalse();
  }

  @Test
  void shouldEncryptRotateRewrapAndDecrypt() {
    String secret = "canary-" + UUID.randomUUID();
    String v1 = cipher.encrypt("alice", secret);
    assertThat(v1).startsWith("vault:v1:").doesNotContain(secret);

    cipher.rotateKey();
    String v2 = cipher.rewrap("alice", v1);

    assertThat(SecretCipher.keyVersionOf(v2)).isEqualTo(2);
    assertThat(cipher.decrypt("alice", v2)).isEqualTo(secret);
    assertThat(cipher.decrypt("alice", v1))
        .as("old versions still decrypt until retired")
        .isEqualTo(secret);
  }

  @Test
  void shouldNotDecryptOneUsersCiphertextWithAnotherUsersContext() {
    String ciphertext = cipher.encrypt("alice", "alice-only");
    assertThatThrownBy(() -> cipher.decrypt("bob", ciphertext))
        .isInstanceOf(SecretCipherException.class);
  }

  @Test
  void shouldEncryptAndDecryptABatchInOrder() {
    List<String> secrets = List.of("one", "two", "three");
    List<String> ciphertexts = cipher.encryptAll("carol", secrets);
    assertThat(ciphertexts).hasSize(3).allMatch(c -> c.startsWith("vault:v1:"));
    assertThat(cipher.decryptAll("carol", ciphertexts)).isEqualTo(secrets);
  }

  @Test
  void shouldSignWithAnEd25519KeyThatVerifiesOutsideVaultAndCannotBeExported() throws Exception {
    String key = "signer-" + UUID.randomUUID();
    signer.createKey(key);
    byte[] data = "header.payload".getBytes(StandardCharsets.UTF_8);

    TransitSigner.SignatureValue signature = signer.sign(key, data);
    TransitSigner.PublicKeyVersion publicKey = signer.publicKeys(key).getFirst();

    java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
    verifier.initVerify(ed25519(publicKey.publicKey()));
    verifier.update(data);
    assertThat(verifier.verify(signature.bytes())).isTrue();
    assertThat(signer.verify(key, "tampered".getBytes(StandardCharsets.UTF_8), signature))
        .isFalse();
    assertThatThrownBy(() -> signer.exportSigningKey(key))
        .isInstanceOf(SecretCipherException.class);
  }

  @Test
  void shouldRetireOldSigningKeyVersionsAfterRotation() {
    String key = "rotating-" + UUID.randomUUID();
    signer.createKey(key);
    TransitSigner.SignatureValue old = signer.sign(key, new byte[] {1});
    signer.rotate(key);
    assertThat(signer.publicKeys(key))
        .extracting(TransitSigner.PublicKeyVersion::version)
        .containsExactly(1, 2);

    signer.retireVersionsBelow(key, 2);

    assertThat(signer.publicKeys(key))
        .extracting(TransitSigner.PublicKeyVersion::version)
        .containsExactly(2);
    assertThat(signer.sign(key, new byte[] {1}).keyVersion()).isEqualTo(2);
    assertThatThrownBy(() -> signer.verify(key, new byte[] {1}, old))
        .isInstanceOf(SecretCipherException.class);
  }

  @Test
  void shouldReportAStoppedVaultAsUnavailable() {
    OpenBaoServer own = OpenBaoServer.start();
    VaultTemplate ownTemplate =
        new VaultTemplate(
            VaultEndpoint.from(java.net.URI.create(own.address())),
            new TokenAuthentication(own.rootToken()));
    SecretCipher ownCipher = new SecretCipher(ownTemplate.opsForTransit("transit"), "down");
    assertThat(ownCipher.encrypt("u", "x")).startsWith("vault:v1:");

    own.close();

    assertThatThrownBy(() -> ownCipher.encrypt("u", "x"))
        .isInstanceOf(SecretStoreUnavailableException.class);
  }

  @Test
  void shouldReportATransitEngineThatIsNotMountedAsUnavailable() {
    // A Vault restarted without storage (dev mode) serves requests before its bootstrap mounts
    // Transit.
    SecretCipher unmounted =
        new SecretCipher(template.opsForTransit("unmounted-" + UUID.randomUUID()), "k");

    assertThatThrownBy(() -> unmounted.encrypt("u", "x"))
        .isInstanceOf(SecretStoreUnavailableException.class);
  }

  @Test
  void shouldKeepEachServicesShippedPolicyOffAnotherServicesKeys() {
    String serverKey = "mcp-server-" + UUID.randomUUID();
    signer.createKey(serverKey);
    new SecretCipher(template.opsForTransit("transit"), "mcp-server-service")
        .encrypt("u", "warm-up");
    new SecretCipher(template.opsForTransit("transit"), "integration-service")
        .encrypt("u", "warm-up");
    String integration = vault.login(vault.appRoleLogin("integration-service"));
    String sign = "{\"input\":\"aGVsbG8=\"}";
    String encrypt = "{\"plaintext\":\"aGVsbG8=\",\"context\":\"dQ==\"}";

    assertThat(
            vault.request(integration, "POST", "/v1/transit/sign/" + serverKey, sign).statusCode())
        .as("integration-service signing with an MCP server's key")
        .isEqualTo(403);
    assertThat(
            vault
                .request(integration, "POST", "/v1/transit/encrypt/mcp-server-service", encrypt)
                .statusCode())
        .as("integration-service encrypting with mcp-server-service's key")
        .isEqualTo(403);
    assertThat(
            vault.request(integration, "GET", "/v1/transit/keys/" + serverKey, null).statusCode())
        .isEqualTo(403);
    assertThat(
            vault
                .request(integration, "POST", "/v1/transit/encrypt/integration-service", encrypt)
                .statusCode())
        .as("its own key works")
        .isEqualTo(200);
  }

  @Test
  void shouldLetMcpServerServiceDeleteAServersKeyButNeverItsOwnEncryptionKey() {
    String serverKey = "mcp-server-" + UUID.randomUUID();
    signer.createKey(serverKey);
    new SecretCipher(template.opsForTransit("transit"), "mcp-server-service")
        .encrypt("u", "warm-up");
    String mcp = vault.login(vault.appRoleLogin("mcp-server-service"));
    String deletable = "{\"deletion_allowed\":true}";

    assertThat(
            vault
                .request(mcp, "POST", "/v1/transit/keys/mcp-server-service/config", deletable)
                .statusCode())
        .isEqualTo(403);
    vault.request("POST", "/v1/transit/keys/mcp-server-service/config", deletable);
    try {
      assertThat(
              vault
                  .request(mcp, "DELETE", "/v1/transit/keys/mcp-server-service", null)
                  .statusCode())
          .isEqualTo(403);
    } finally {
      vault.request(
          "POST", "/v1/transit/keys/mcp-server-service/config", "{\"deletion_allowed\":false}");
    }
    assertThat(
            vault.request(mcp, "DELETE", "/v1/transit/keys/integration-service", null).statusCode())
        .isEqualTo(403);

    assertThat(
            vault
                .request(mcp, "POST", "/v1/transit/keys/" + serverKey + "/config", deletable)
                .statusCode())
        .isEqualTo(200);
    assertThat(vault.request(mcp, "DELETE", "/v1/transit/keys/" + serverKey, null).statusCode())
        .isEqualTo(204);
    assertThat(vault.request("GET", "/v1/transit/keys/" + serverKey, null).statusCode())
        .isEqualTo(404);
  }

  /** Wraps a raw 32-byte Ed25519 public key in its X.509 SubjectPublicKeyInfo form. */
  static PublicKey ed25519(byte[] raw) throws Exception {
    byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
    byte[] encoded = new byte[prefix.length + raw.length];
    System.arraycopy(prefix, 0, encoded, 0, prefix.length);
    System.arraycopy(raw, 0, encoded, prefix.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
  }
}
