package io.mcpmanager.kit.events;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import org.springframework.http.HttpStatus;

/** 403: the credential's owner is disabled; nothing is brokered or refreshed for them. */
public class OwnerDisabledException extends ApiException {

  public OwnerDisabledException() {
    super(
        HttpStatus.FORBIDDEN,
        ProblemTypes.of("owner-disabled"),
        "Owner disabled",
        "The owner of this credential is disabled");
  }
}
