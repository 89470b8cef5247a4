package io.mcpmanager.kit.secrets;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.vault.VaultException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/** Runs a Vault call and translates its failures into the two kinds callers handle. */
final class VaultCalls {

  /**
   * Failed Vault calls by operation and kind (unavailable: Vault down, sealed or 5xx; refused:
   * Vault said no), on the registry Boot binds globally.
   */
  static final String ERRORS = "mcpm.vault.errors";

  /** The label values of {@code operation}. */
  enum Operation {
    ENCRYPT,
    DECRYPT,
    REWRAP,
    SIGN,
    VERIFY,
    ROTATE,
    READ_KEY,
    CREATE_KEY,
    CONFIGURE_KEY,
    HMAC;

    String value() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private VaultCalls() {}

  /**
   * Every operation × kind at zero, so "no Vault errors" is a series of zeros, not missing data.
   */
  static void registerErrorCounters(MeterRegistry registry) {
    for (Operation operation : Operation.values()) {
      errors(registry, operation, "unavailable");
      errors(registry, operation, "refused");
    }
  }

  static <T> T call(Operation operation, String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ResourceAccessException e) {
      throw unavailable(operation, e);
    } catch (VaultException e) {
      if (isServerSide(e.getMessage())) {
        throw unavailable(operation, e);
      }
      errors(Metrics.globalRegistry, operation, "refused").increment();
      throw new SecretCipherException("Vault refused to " + what, e);
    } catch (RestClientException e) {
      throw unavailable(operation, e);
    }
  }

  private static SecretStoreUnavailableException unavailable(Operation operation, Exception e) {
    errors(Metrics.globalRegistry, operation, "unavailable").increment();
    return new SecretStoreUnavailableException(e);
  }

  private static Counter errors(MeterRegistry registry, Operation operation, String kind) {
    return Counter.builder(ERRORS)
        .description("failed Vault calls by operation and kind")
        .tag("operation", operation.value())
        .tag("kind", kind)
        .register(registry);
  }

  static void run(Operation operation, String what, Runnable call) {
    call(
        operation,
        what,
        () -> {
          call.run();
          return null;
        });
  }

  /**
   * Vault is down, sealed or failing, or its Transit engine is not mounted (yet): a freshly started
   * Vault answers "no handler for route" until its bootstrap has mounted the engine again.
   */
  private static boolean isServerSide(@Nullable String message) {
    return message != null
        && (message.startsWith("Status 5")
            || message.contains("sealed")
            || message.contains("I/O error")
            || message.contains("no handler for route"));
  }
}
