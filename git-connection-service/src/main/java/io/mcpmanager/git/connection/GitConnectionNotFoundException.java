package io.mcpmanager.git.connection;

import io.mcpmanager.kit.error.NotFoundException;
import java.util.UUID;

/** No such connection, or it belongs to someone else. */
public class GitConnectionNotFoundException extends NotFoundException {

  private GitConnectionNotFoundException(Object id) {
    super("Git connection", id);
  }

  public static GitConnectionNotFoundException forId(UUID id) {
    return new GitConnectionNotFoundException(id);
  }

  public static GitConnectionNotFoundException forProvider(String provider) {
    return new GitConnectionNotFoundException("for " + provider);
  }
}
