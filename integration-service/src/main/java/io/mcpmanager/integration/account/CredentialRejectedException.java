package io.mcpmanager.integration.account;

import io.mcpmanager.integration.provider.ValidationResult;
import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The provider refused the credential and the caller did not ask to save it anyway. */
public class CredentialRejectedException extends ApiException {

  private CredentialRejectedException(ValidationResult result) {
    super(
        HttpStatus.UNPROCESSABLE_CONTENT,
        ProblemTypes.of("credential-rejected"),
        "Credential rejected",
        "The provider rejected the credential ("
            + result.requireReason().value()
            + "); it was not saved. Send save_anyway=true to store it with status error",
        Map.of("status_reason", result.requireReason().value()));
  }

  public static CredentialRejectedException of(ValidationResult result) {
    return new CredentialRejectedException(result);
  }
}
