package io.mcpmanager.integration.account;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** No previous credential within its grace period. */
public class NothingToRollBackException extends ApiException {

  private NothingToRollBackException(UUID id) {
    super(
        HttpStatus.CONFLICT,
        ProblemTypes.of("nothing-to-roll-back"),
        "Nothing to roll back",
        "Integration " + id + " has no previous credential within the rollback grace period");
  }

  public static NothingToRollBackException forId(UUID id) {
    return new NothingToRollBackException(id);
  }
}
