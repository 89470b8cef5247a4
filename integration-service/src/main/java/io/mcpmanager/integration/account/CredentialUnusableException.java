package io.mcpmanager.integration.account;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** The integration exists but its credential cannot be used now (expired, error, inactive). */
public class CredentialUnusableException extends ApiException {

  private CredentialUnusableException(String type, String status, @Nullable String reason) {
    super(
        HttpStatus.CONFLICT,
        ProblemTypes.of("credential-unusable"),
        "Credential unusable",
        "The "
            + type
            + " credential is "
            + status
            + (reason == null ? "" : " (" + reason + ")")
            + "; the user must fix or reconnect it",
        properties(status, reason));
  }

  public static CredentialUnusableException of(
      String type, IntegrationStatus status, @Nullable StatusReason reason) {
    return new CredentialUnusableException(
        type, status.value(), reason == null ? null : reason.value());
  }

  private static Map<String, Object> properties(String status, @Nullable String reason) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("status", status);
    if (reason != null) {
      properties.put("status_reason", reason);
    }
    return properties;
  }
}
