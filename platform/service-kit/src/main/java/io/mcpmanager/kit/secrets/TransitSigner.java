package io.mcpmanager.kit.secrets;

import io.mcpmanager.kit.secrets.VaultCalls.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.core.VaultTransitOperations;
import org.springframework.vault.support.Plaintext;
import org.springframework.vault.support.Signature;
import org.springframework.vault.support.TransitKeyType;
import org.springframework.vault.support.VaultTransitKey;
import org.springframework.vault.support.VaultTransitKeyConfiguration;
import org.springframework.vault.support.VaultTransitKeyCreationRequest;

/**
 * Ed25519 signing keys that live only inside Vault Transit: created non-exportable, used through
 * sign/verify, rotated and retired there. Only public keys ever leave Vault.
 */
public class TransitSigner {

  private final VaultOperations vault;
  private final VaultTransitOperations transit;
  private final String transitPath;

  public TransitSigner(VaultOperations vault, String transitPath) {
    this.vault = vault;
    this.transit = vault.opsForTransit(transitPath);
    this.transitPath = transitPath;
  }

  /** Creates a non-exportable ed25519 key; a key that already exists is left as it is. */
  public void createKey(String keyName) {
    VaultCalls.run(
        Operation.CREATE_KEY,
        "create a signing key",
        () -> {
          if (transit.getKey(keyName) == null) {
            transit.createKey(
                keyName,
                VaultTransitKeyCreationRequest.builder()
                    .type("ed25519")
                    .exportable(false)
                    .allowPlaintextBackup(false)
                    .build());
          }
        });
  }

  /** Signs with the newest key version. */
  public SignatureValue sign(String keyName, byte[] data) {
    Signature signature =
        VaultCalls.call(Operation.SIGN, "sign", () -> transit.sign(keyName, Plaintext.of(data)));
    return SignatureValue.parse(signature.getSignature());
  }

  public boolean verify(String keyName, byte[] data, SignatureValue signature) {
    return VaultCalls.call(
        Operation.VERIFY,
        "verify",
        () -> transit.verify(keyName, Plaintext.of(data), Signature.of(signature.vaultForm())));
  }

  public void rotate(String keyName) {
    VaultCalls.run(Operation.ROTATE, "rotate a signing key", () -> transit.rotate(keyName));
  }

  /**
   * Retires every version below {@code minVersion}: Vault no longer signs or verifies with them,
   * and trimming deletes their key material.
   */
  public void retireVersionsBelow(String keyName, int minVersion) {
    VaultCalls.run(
        Operation.CONFIGURE_KEY,
        "retire key versions",
        () -> {
          transit.configureKey(
              keyName,
              VaultTransitKeyConfiguration.builder()
                  .minDecryptionVersion(minVersion)
                  .minEncryptionVersion(minVersion)
                  .build());
          vault.write(
              transitPath + "/keys/" + keyName + "/trim",
              Map.of("min_available_version", minVersion));
        });
  }

  /** Public keys of the versions still available, oldest first. */
  public List<PublicKeyVersion> publicKeys(String keyName) {
    VaultTransitKey key =
        VaultCalls.call(Operation.READ_KEY, "read a signing key", () -> transit.getKey(keyName));
    if (key == null) {
      throw new SecretCipherException("no signing key " + keyName, null);
    }
    List<PublicKeyVersion> versions = new ArrayList<>();
    for (Map.Entry<String, Object> entry : key.getKeys().entrySet()) {
      int version = Integer.parseInt(entry.getKey());
      if (version < key.getMinDecryptionVersion()
          || !(entry.getValue() instanceof Map<?, ?> details)) {
        continue;
      }
      Object publicKey = details.get("public_key");
      Object created = details.get("creation_time");
      versions.add(
          new PublicKeyVersion(
              version,
              Base64.getDecoder().decode(String.valueOf(publicKey)),
              created == null ? null : Instant.parse(String.valueOf(created))));
    }
    versions.sort(Comparator.comparingInt(PublicKeyVersion::version));
    return versions;
  }

  /**
   * Tries to export the private key; Vault refuses for a non-exportable key (used in tests and
   * checks).
   */
  public void exportSigningKey(String keyName) {
    VaultCalls.run(
        Operation.READ_KEY,
        "export a signing key",
        () -> transit.exportKey(keyName, TransitKeyType.SIGNING_KEY));
  }

  /** An ed25519 public key of one key version. */
  public record PublicKeyVersion(int version, byte[] publicKey, @Nullable Instant createdAt) {}

  /** A signature with the key version that made it. */
  public record SignatureValue(int keyVersion, byte[] bytes) {

    static SignatureValue parse(String vaultForm) {
      int versionEnd = vaultForm.indexOf(':', 7);
      return new SignatureValue(
          Integer.parseInt(vaultForm.substring(7, versionEnd)),
          Base64.getDecoder().decode(vaultForm.substring(versionEnd + 1)));
    }

    String vaultForm() {
      return "vault:v" + keyVersion + ":" + Base64.getEncoder().encodeToString(bytes);
    }
  }
}
