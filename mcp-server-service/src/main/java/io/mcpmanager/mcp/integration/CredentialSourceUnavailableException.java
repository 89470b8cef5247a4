package io.mcpmanager.mcp.integration;

import io.mcpmanager.kit.error.ProblemTypes;
import io.mcpmanager.kit.error.ServiceUnavailableException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** integration-service or git-connection-service cannot answer now: 503 with Retry-After. */
public class CredentialSourceUnavailableException extends ServiceUnavailableException {

  private CredentialSourceUnavailableException(String service, @Nullable Throwable cause) {
    super(
        ProblemTypes.SERVICE_UNAVAILABLE,
        service + " is unavailable; retry later",
        Duration.ofSeconds(5),
        cause);
  }

  public static CredentialSourceUnavailableException of(String service, @Nullable Throwable cause) {
    return new CredentialSourceUnavailableException(service, cause);
  }
}
