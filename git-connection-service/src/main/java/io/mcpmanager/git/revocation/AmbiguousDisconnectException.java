package io.mcpmanager.git.revocation;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * {@code DELETE /api/git/{provider}/disconnect} with several accounts: the client must name one.
 */
public class AmbiguousDisconnectException extends ApiException {

  private AmbiguousDisconnectException(String provider, int count) {
    super(
        HttpStatus.CONFLICT,
        ProblemTypes.of("git-disconnect-ambiguous"),
        "Several accounts connected",
        count
            + " "
            + provider
            + " accounts are connected; use DELETE /api/git/"
            + provider
            + "/connections/{id} or pass connection_id");
  }

  public static AmbiguousDisconnectException of(String provider, int count) {
    return new AmbiguousDisconnectException(provider, count);
  }
}
