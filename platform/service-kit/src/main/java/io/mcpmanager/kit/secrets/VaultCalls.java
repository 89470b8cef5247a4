package io.mcpmanager.kit.secrets;

import io.micrometer.core.instrument.Metrics;
import java.util.function.Supplier;
import org.springframework.vault.VaultException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/** Runs a Vault call and translates its failures into the two kinds callers handle. */
final class VaultCalls {

  /** Failed Vault calls by kind (unavailable, refused), on the registry Boot binds globally. */
  static final String ERRORS = "mcpm.vault.errors";

  private VaultCalls() {}

  static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ResourceAccessException e) {
      throw unavailable(e);
    } catch (VaultException e) {
      if (isServerSide(e.getMessage())) {
        throw unavailable(e);
      }
      Metrics.counter(ERRORS, "kind", "refused").increment();
      throw new SecretCipherException("Vault refused to " + what, e);
    } catch (RestClientException e) {
      throw unavailable(e);
    }
  }

  private static SecretStoreUnavailableException unavailable(Exception e) {
    Metrics.counter(ERRORS, "kind", "unavailable").increment();
    return new SecretStoreUnavailableException(e);
  }

  static void run(String what, Runnable call) {
    call(what, () -> {
      call.run();
      return null;
    });
  }

  private static boolean isServerSide(String message) {
    return message != null && (message.startsWith("Status 5") || message.contains("sealed")
        || message.contains("I/O error"));
  }
}
