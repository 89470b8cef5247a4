package io.mcpmanager.git.repos;

import io.mcpmanager.kit.error.NotFoundException;
import java.util.UUID;

public class SyncNotFoundException extends NotFoundException {

  private SyncNotFoundException(UUID id) {
    super("Repository sync", id);
  }

  public static SyncNotFoundException forId(UUID id) {
    return new SyncNotFoundException(id);
  }
}
