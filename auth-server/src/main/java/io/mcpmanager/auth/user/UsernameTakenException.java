package io.mcpmanager.auth.user;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import org.springframework.http.HttpStatus;

/** Another account already has this username. */
public class UsernameTakenException extends ApiException {

  private UsernameTakenException(String username) {
    super(
        HttpStatus.CONFLICT,
        ProblemTypes.of("username-taken"),
        "Username taken",
        "The username '" + username + "' is already in use");
  }

  public static UsernameTakenException forUsername(String username) {
    return new UsernameTakenException(username);
  }
}
