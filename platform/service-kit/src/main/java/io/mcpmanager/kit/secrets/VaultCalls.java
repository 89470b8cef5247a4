package io.mcpmanager.kit.secrets;

import java.util.function.Supplier;
import org.springframework.vault.VaultException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/** Runs a Vault call and translates its failures into the two kinds callers handle. */
final class VaultCalls {

  private VaultCalls() {}

  static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ResourceAccessException e) {
      throw new SecretStoreUnavailableException(e);
    } catch (VaultException e) {
      if (isServerSide(e.getMessage())) {
        throw new SecretStoreUnavailableException(e);
      }
      throw new SecretCipherException("Vault refused to " + what, e);
    } catch (RestClientException e) {
      throw new SecretStoreUnavailableException(e);
    }
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
