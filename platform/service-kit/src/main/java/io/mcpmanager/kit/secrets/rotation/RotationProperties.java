package io.mcpmanager.kit.secrets.rotation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rotation of the service's Transit key and the rewrap of its stored ciphertexts ({@code
 * mcpm.vault.rotation.*}).
 *
 * @param enabled off: the job is not scheduled (Vault's auto-rotation is left as it is, nothing is
 *     rewrapped); it can still be run on demand
 * @param autoRotatePeriod Vault adds a key version this often (zero: never; else at least 1 h)
 * @param interval the rewrap job runs this long after its previous run ended
 * @param initialDelay its first run after start-up
 * @param batchSize ciphertexts per Vault batch rewrap and per database round trip
 * @param pause wait between two batches, so a large rewrap does not crowd out user traffic
 * @param settle a new key version must be this old before older ones are retired: a request that
 *     encrypted with the previous version just before the rotation has committed by then
 * @param lockAtMostFor the job's lock is freed after this long even if its replica died mid-run
 */
@ConfigurationProperties("mcpm.vault.rotation")
public record RotationProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30d") Duration autoRotatePeriod,
    @DefaultValue("1h") Duration interval,
    @DefaultValue("2m") Duration initialDelay,
    @DefaultValue("100") int batchSize,
    @DefaultValue("200ms") Duration pause,
    @DefaultValue("15m") Duration settle,
    @DefaultValue("2h") Duration lockAtMostFor) {

  public RotationProperties {
    if (!autoRotatePeriod.isZero() && autoRotatePeriod.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException(
          "mcpm.vault.rotation.auto-rotate-period must be 0 (never) or at least 1h");
    }
    if (batchSize < 1 || batchSize > 1000) {
      throw new IllegalArgumentException("mcpm.vault.rotation.batch-size must be 1..1000");
    }
  }
}
