package io.mcpmanager.auth.pat;

import io.mcpmanager.kit.error.NotFoundException;
import java.util.UUID;

/** No token of the caller has this id: someone else's token looks the same. */
class PatNotFoundException extends NotFoundException {

  private PatNotFoundException(UUID id) {
    super("Personal access token", id);
  }

  static PatNotFoundException forId(UUID id) {
    return new PatNotFoundException(id);
  }
}
