package io.mcpmanager.git.provider;

import io.mcpmanager.kit.error.NotFoundException;

/** The path names a provider this service does not know or has no client for. */
public class UnknownProviderException extends NotFoundException {

  private UnknownProviderException(String id) {
    super("Git provider", id);
  }

  public static UnknownProviderException of(String id) {
    return new UnknownProviderException(id);
  }
}
