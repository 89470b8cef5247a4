package io.mcpmanager.kit.secrets;

import io.mcpmanager.kit.secrets.VaultCalls.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.vault.core.VaultTransitOperations;
import org.springframework.vault.support.Ciphertext;
import org.springframework.vault.support.Plaintext;
import org.springframework.vault.support.VaultDecryptionResult;
import org.springframework.vault.support.VaultEncryptionResult;
import org.springframework.vault.support.VaultTransitContext;
import org.springframework.vault.support.VaultTransitKeyCreationRequest;

/**
 * Encrypts secrets with Vault Transit before they reach the database. The key is derived: each
 * owner gets a sub-key (context = owner id), so a ciphertext of one user cannot be decrypted as
 * another's. Values are {@code vault:vN:...} strings; the plaintext never leaves this class except
 * to callers.
 */
public class SecretCipher {

  private final VaultTransitOperations transit;
  private final String keyName;
  private volatile boolean keyReady;

  public SecretCipher(VaultTransitOperations transit, String keyName) {
    this.transit = transit;
    this.keyName = keyName;
  }

  /**
   * Creates the derived AES-GCM key if it does not exist yet; safe to call from several replicas.
   */
  private void ensureKey() {
    if (keyReady) {
      return;
    }
    VaultCalls.run(
        Operation.CREATE_KEY,
        "create the transit key",
        () -> {
          if (transit.getKey(keyName) == null) {
            transit.createKey(
                keyName,
                VaultTransitKeyCreationRequest.builder()
                    .type("aes256-gcm96")
                    .derived(true)
                    .exportable(false)
                    .build());
          }
        });
    keyReady = true;
  }

  public String encrypt(String ownerId, String plaintext) {
    ensureKey();
    return VaultCalls.call(
        Operation.ENCRYPT,
        "encrypt",
        () ->
            transit
                .encrypt(
                    keyName,
                    Plaintext.of(plaintext.getBytes(StandardCharsets.UTF_8)).with(context(ownerId)))
                .getCiphertext());
  }

  public String decrypt(String ownerId, String ciphertext) {
    return VaultCalls.call(
        Operation.DECRYPT,
        "decrypt",
        () ->
            transit.decrypt(keyName, Ciphertext.of(ciphertext).with(context(ownerId))).asString());
  }

  /** One Vault round trip for several values of one owner; the order of the results is kept. */
  public List<String> encryptAll(String ownerId, List<String> plaintexts) {
    ensureKey();
    VaultTransitContext context = context(ownerId);
    List<Plaintext> batch =
        plaintexts.stream()
            .map(p -> Plaintext.of(p.getBytes(StandardCharsets.UTF_8)).with(context))
            .toList();
    List<VaultEncryptionResult> results =
        VaultCalls.call(Operation.ENCRYPT, "encrypt", () -> transit.encrypt(keyName, batch));
    return results.stream()
        .map(r -> unwrap(r.getCause(), "encrypt", r::get).getCiphertext())
        .toList();
  }

  public List<String> decryptAll(String ownerId, List<String> ciphertexts) {
    VaultTransitContext context = context(ownerId);
    List<Ciphertext> batch = ciphertexts.stream().map(c -> Ciphertext.of(c).with(context)).toList();
    List<VaultDecryptionResult> results =
        VaultCalls.call(Operation.DECRYPT, "decrypt", () -> transit.decrypt(keyName, batch));
    return results.stream().map(r -> unwrap(r.getCause(), "decrypt", r::get).asString()).toList();
  }

  /** Re-encrypts with the newest key version without exposing the plaintext. */
  public String rewrap(String ownerId, String ciphertext) {
    return VaultCalls.call(
        Operation.REWRAP, "rewrap", () -> transit.rewrap(keyName, ciphertext, context(ownerId)));
  }

  /**
   * Re-encrypts several ciphertexts, each with its own owner, in one Vault round trip; the order is
   * kept. An item Vault refuses (not this owner's, malformed) is empty, the others succeed.
   */
  public List<Optional<String>> rewrapAll(List<OwnedCiphertext> ciphertexts) {
    List<Ciphertext> batch =
        ciphertexts.stream()
            .map(c -> Ciphertext.of(c.ciphertext()).with(context(c.ownerId())))
            .toList();
    List<VaultEncryptionResult> results =
        VaultCalls.call(Operation.REWRAP, "rewrap", () -> transit.rewrap(keyName, batch));
    return results.stream()
        .map(
            r ->
                r.getCause() == null
                    ? Optional.ofNullable(r.get()).map(Ciphertext::getCiphertext)
                    : Optional.<String>empty())
        .toList();
  }

  /** A stored ciphertext with the owner whose derived key made it. */
  public record OwnedCiphertext(String ownerId, String ciphertext) {}

  /** The Transit key this cipher uses. */
  public String keyName() {
    return keyName;
  }

  /** Adds a key version; new encryptions use it, old ciphertexts still decrypt until rewrapped. */
  public void rotateKey() {
    VaultCalls.run(Operation.ROTATE, "rotate the key", () -> transit.rotate(keyName));
  }

  /** The key version a ciphertext was made with ({@code vault:v3:...} → 3). */
  public static int keyVersionOf(String ciphertext) {
    if (ciphertext == null || !ciphertext.startsWith("vault:v")) {
      throw new IllegalArgumentException("not a Vault ciphertext");
    }
    return Integer.parseInt(ciphertext.substring(7, ciphertext.indexOf(':', 7)));
  }

  private static VaultTransitContext context(String ownerId) {
    if (ownerId == null || ownerId.isBlank()) {
      throw new IllegalArgumentException("an owner id is required to derive the key");
    }
    return VaultTransitContext.builder().context(ownerId.getBytes(StandardCharsets.UTF_8)).build();
  }

  private static <T> T unwrap(@Nullable Exception cause, String what, Supplier<T> value) {
    if (cause != null) {
      throw new SecretCipherException("Vault refused to " + what + " an item of the batch", cause);
    }
    return value.get();
  }
}
