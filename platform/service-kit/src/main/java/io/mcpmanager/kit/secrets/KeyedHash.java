package io.mcpmanager.kit.secrets;

import io.mcpmanager.kit.secrets.VaultCalls.Operation;
import java.nio.charset.StandardCharsets;
import org.springframework.vault.core.VaultTransitOperations;
import org.springframework.vault.support.Plaintext;
import org.springframework.vault.support.VaultHmacRequest;
import org.springframework.vault.support.VaultTransitKeyCreationRequest;

/**
 * HMAC-SHA256 of a value with a Transit key that never leaves Vault: what a service stores to
 * recognise a bearer secret it issued (a database copy yields nothing to try offline, unlike a
 * plain hash of a token). The key version is pinned to 1, so a rotation of the key cannot silently
 * make every stored hash unmatchable.
 */
public class KeyedHash {

  private static final int KEY_VERSION = 1;

  private final VaultTransitOperations transit;
  private final String keyName;
  private volatile boolean keyReady;

  public KeyedHash(VaultTransitOperations transit, String keyName) {
    this.transit = transit;
    this.keyName = keyName;
  }

  /** {@code vault:v1:<base64 HMAC-SHA256>}; the same value always gives the same hash. */
  public String hash(String value) {
    ensureKey();
    return VaultCalls.call(
        Operation.HMAC,
        "hash",
        () ->
            transit
                .getHmac(
                    keyName,
                    VaultHmacRequest.builder()
                        .plaintext(Plaintext.of(value.getBytes(StandardCharsets.UTF_8)))
                        .algorithm("sha2-256")
                        .keyVersion(KEY_VERSION)
                        .build())
                .getHmac());
  }

  /** Creates the non-exportable key if it does not exist yet; safe from several replicas. */
  private void ensureKey() {
    if (keyReady) {
      return;
    }
    VaultCalls.run(
        Operation.CREATE_KEY,
        "create the HMAC key",
        () -> {
          if (transit.getKey(keyName) == null) {
            transit.createKey(
                keyName,
                VaultTransitKeyCreationRequest.builder()
                    .type("aes256-gcm96")
                    .exportable(false)
                    .build());
          }
        });
    keyReady = true;
  }
}
