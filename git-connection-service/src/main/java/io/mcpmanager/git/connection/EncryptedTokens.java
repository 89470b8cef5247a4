package io.mcpmanager.git.connection;

/** Vault Transit ciphertexts of a token pair and a masked hint of the access token. */
public record EncryptedTokens(String accessTokenEnc, String refreshTokenEnc, String hint) {

  @Override
  public String toString() {
    return "EncryptedTokens[hint=" + hint + "]";
  }
}
