package io.mcpmanager.auth.user;

import io.mcpmanager.kit.error.NotFoundException;
import java.util.UUID;

/** No account with this id. */
public class UserNotFoundException extends NotFoundException {

  private UserNotFoundException(UUID id) {
    super("User", id);
  }

  public static UserNotFoundException forId(UUID id) {
    return new UserNotFoundException(id);
  }
}
