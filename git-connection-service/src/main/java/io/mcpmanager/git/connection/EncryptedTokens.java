package io.mcpmanager.git.connection;

import org.jspecify.annotations.Nullable;

/**
 * Vault Transit ciphertexts of a token pair (the refresh token may be absent) and a masked hint of
 * the access token.
 */
public record EncryptedTokens(
    String accessTokenEnc, @Nullable String refreshTokenEnc, String hint) {

  @Override
  public String toString() {
    return "EncryptedTokens[hint=" + hint + "]";
  }
}
