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
    super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, "Validation failed", field + ": " + message,
        Map.of("errors", List.of(new FieldError(field, message))));
  }

  public static UnsupportedIntegrationException unknownType(String type) {
    return new UnsupportedIntegrationException("type", "unknown integration type '" + abbreviate(type) + "'");
  }

  public static UnsupportedIntegrationException noApiToken(IntegrationType type) {
    return new UnsupportedIntegrationException("access_token", type.value()
        + " takes no pasted token; connect it with OAuth");
  }

  public static IntegrationType require(String type) {
    return IntegrationType.fromValue(type).orElseThrow(() -> unknownType(type));
  }

  private static String abbreviate(String value) {
    if (value == null) {
      return "";
    }
    String clean = value.replaceAll("[^A-Za-z0-9_-]", "?");
    return clean.length() > 32 ? clean.substring(0, 32) : clean;
  }
}
