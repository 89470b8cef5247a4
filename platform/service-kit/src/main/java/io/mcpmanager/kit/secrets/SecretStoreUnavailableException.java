package io.mcpmanager.kit.secrets;

import io.mcpmanager.kit.error.ProblemTypes;
import io.mcpmanager.kit.error.ServiceUnavailableException;
import java.time.Duration;

/**
 * Vault cannot be reached, is sealed or answers 5xx: the request fails with 503 and Retry-After.
 */
public class SecretStoreUnavailableException extends ServiceUnavailableException {

  public SecretStoreUnavailableException(Throwable cause) {
    super(
        ProblemTypes.SECRET_STORE_UNAVAILABLE,
        "The secret store is unavailable; retry later",
        Duration.ofSeconds(5),
        cause);
  }
}
