package io.mcpmanager.integration.catalog;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemHandler.FieldError;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An unknown integration type, or an auth method the type does not offer. */
public class UnsupportedIntegrationException extends ApiException {

  private UnsupportedIntegrationException(String field, String message) {
    super(
        HttpStatus.BAD_REQUEST,
        ProblemTypes.VALIDATION_FAILED,
        "Validation failed",
        field + ": " + message,
        Map.of("errors", List.of(new FieldError(field, message))));
  }

  public static UnsupportedIntegrationException unknownType(String type) {
    // The value is not echoed: a misplaced secret must not come back in an error body.
    return new UnsupportedIntegrationException(
        "type", "unknown integration type; see GET /api/integrations/types");
  }

  public static UnsupportedIntegrationException noApiToken(IntegrationType type) {
    return new UnsupportedIntegrationException(
        "access_token", type.value() + " takes no pasted token; connect it with OAuth");
  }

  public static UnsupportedIntegrationException noOAuth(IntegrationType type) {
    return new UnsupportedIntegrationException(
        "type", type.value() + " is not connected with OAuth; create it with its API token");
  }

  public static IntegrationType require(String type) {
    return IntegrationType.fromValue(type).orElseThrow(() -> unknownType(type));
  }
}
