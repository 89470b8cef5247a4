package io.mcpmanager.integration.account;

import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The user already has a live integration of this type. */
public class IntegrationAlreadyExistsException extends ApiException {

  private IntegrationAlreadyExistsException(IntegrationType type) {
    super(
        HttpStatus.CONFLICT,
        ProblemTypes.of("integration-exists"),
        "Integration exists",
        "You already have an active " + type.value() + " integration; update or delete it first",
        Map.of("integration_type", type.value()));
  }

  public static IntegrationAlreadyExistsException ofType(IntegrationType type) {
    return new IntegrationAlreadyExistsException(type);
  }
}
