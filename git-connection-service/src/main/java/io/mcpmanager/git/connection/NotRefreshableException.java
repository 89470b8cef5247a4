package io.mcpmanager.git.connection;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The connection has no refresh token (GitHub OAuth App tokens do not expire). */
public class NotRefreshableException extends ApiException {

  private NotRefreshableException(UUID id) {
    super(
        HttpStatus.CONFLICT,
        ProblemTypes.of("git-not-refreshable"),
        "Not refreshable",
        "Git connection "
            + id
            + " has no refresh token; its access token does not expire or it needs re-authorization");
  }

  public static NotRefreshableException forConnection(UUID id) {
    return new NotRefreshableException(id);
  }
}
