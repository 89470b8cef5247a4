package io.mcpmanager.kit.secrets;

import io.mcpmanager.kit.secrets.VaultCalls.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.support.VaultResponse;

/**
 * The version bookkeeping of one Transit encryption key: which versions exist, which still decrypt,
 * how often Vault adds one on its own ({@code auto_rotate_period}). Spring Vault's key
 * configuration has no auto-rotation field, so this class talks to {@code transit/keys/<key>}
 * directly.
 */
public class TransitKeyVersions {

  private final VaultOperations vault;
  private final String keyPath;
  private final String keyName;

  public TransitKeyVersions(VaultOperations vault, String transitPath, String keyName) {
    this.vault = vault;
    this.keyPath = transitPath + "/keys/" + keyName;
    this.keyName = keyName;
  }

  public String keyName() {
    return keyName;
  }

  /** The key's versions now; empty while the key does not exist (nothing was encrypted yet). */
  public Optional<State> read() {
    VaultResponse response =
        VaultCalls.call(Operation.READ_KEY, "read the transit key", () -> vault.read(keyPath));
    Map<String, Object> data = response == null ? null : response.getData();
    if (data == null) {
      return Optional.empty();
    }
    int latest = number(data.get("latest_version"));
    Instant latestCreated = null;
    if (data.get("keys") instanceof Map<?, ?> versions
        && versions.get(String.valueOf(latest)) instanceof Number created) {
      latestCreated = Instant.ofEpochSecond(created.longValue());
    }
    return Optional.of(
        new State(
            latest,
            number(data.get("min_decryption_version")),
            latestCreated,
            Duration.ofSeconds(number(data.get("auto_rotate_period")))));
  }

  /**
   * Vault stops decrypting ciphertexts of versions below {@code version}; call it only once none is
   * stored any more.
   */
  public void retireBelow(int version) {
    VaultCalls.run(
        Operation.CONFIGURE_KEY,
        "raise the minimum decryption version",
        () -> vault.write(keyPath + "/config", Map.of("min_decryption_version", version)));
  }

  /** Vault adds a key version every {@code period} (zero: never); it must be zero or ≥ 1 h. */
  public void autoRotateEvery(Duration period) {
    VaultCalls.run(
        Operation.CONFIGURE_KEY,
        "set the auto-rotation period",
        () ->
            vault.write(
                keyPath + "/config", Map.of("auto_rotate_period", period.toSeconds() + "s")));
  }

  private static int number(@Nullable Object value) {
    return value instanceof Number n ? n.intValue() : 0;
  }

  /**
   * @param latestCreatedAt when the newest version was added (null if Vault did not say)
   */
  public record State(
      int latestVersion,
      int minDecryptionVersion,
      @Nullable Instant latestCreatedAt,
      Duration autoRotatePeriod) {}
}
