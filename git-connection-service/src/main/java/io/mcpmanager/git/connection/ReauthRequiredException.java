package io.mcpmanager.git.connection;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The connection's grant is gone (revoked, expired refresh token): the user must connect again. */
public class ReauthRequiredException extends ApiException {

  private ReauthRequiredException(UUID id, String reason) {
    super(
        HttpStatus.CONFLICT,
        ProblemTypes.of("git-reauth-required"),
        "Re-authorization required",
        "Git connection " + id + " must be authorized again (" + reason + ")",
        Map.of("connection_id", id.toString(), "reason", reason));
  }

  public static ReauthRequiredException forConnection(UUID id, String reason) {
    return new ReauthRequiredException(id, reason);
  }
}
