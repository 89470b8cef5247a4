package io.mcpmanager.kit.secrets;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers {@code mcpm.vault.errors} for every operation and kind at zero when the application
 * starts.
 */
public final class VaultErrorMetrics implements MeterBinder {

  @Override
  public void bindTo(MeterRegistry registry) {
    VaultCalls.registerErrorCounters(registry);
  }
}
