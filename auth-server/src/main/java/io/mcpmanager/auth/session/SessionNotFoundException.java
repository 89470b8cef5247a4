package io.mcpmanager.auth.session;

import io.mcpmanager.kit.error.NotFoundException;

/** No session of the caller has this id: someone else's session looks the same. */
class SessionNotFoundException extends NotFoundException {

  private SessionNotFoundException(String id) {
    super("Session", id);
  }

  static SessionNotFoundException forId(String id) {
    return new SessionNotFoundException(id);
  }
}
