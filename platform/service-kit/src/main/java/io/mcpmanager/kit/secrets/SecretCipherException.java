package io.mcpmanager.kit.secrets;

import org.jspecify.annotations.Nullable;

/**
 * Vault refused an operation for a reason that retrying cannot fix: a ciphertext that does not
 * belong to this owner's key, a malformed ciphertext, a missing key or a policy denial.
 */
public class SecretCipherException extends RuntimeException {

  public SecretCipherException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
