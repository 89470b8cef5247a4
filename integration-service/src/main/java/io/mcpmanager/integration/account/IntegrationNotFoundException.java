package io.mcpmanager.integration.account;

import io.mcpmanager.kit.error.NotFoundException;

/** No such integration, or it belongs to someone else: both look the same. */
public class IntegrationNotFoundException extends NotFoundException {

  private IntegrationNotFoundException(Object id) {
    super("Integration", id);
  }

  public static IntegrationNotFoundException forId(Object id) {
    return new IntegrationNotFoundException(id);
  }
}
