package io.mcpmanager.git.connection;

import io.mcpmanager.kit.secrets.Hints;
import io.mcpmanager.kit.secrets.SecretCipher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Encrypts and decrypts a connection's tokens with the owner's derived Transit key. */
@Component
public class TokenVault {

  private final SecretCipher cipher;

  public TokenVault(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /** One Vault round trip for both tokens; {@code refreshToken} may be null. */
  public EncryptedTokens encrypt(
      String ownerId, String accessToken, @Nullable String refreshToken) {
    List<String> plain = new ArrayList<>(List.of(accessToken));
    if (refreshToken != null) {
      plain.add(refreshToken);
    }
    List<String> cipherTexts = cipher.encryptAll(ownerId, plain);
    return new EncryptedTokens(
        cipherTexts.get(0),
        refreshToken == null ? null : cipherTexts.get(1),
        Hints.mask(accessToken));
  }

  public String decrypt(String ownerId, String ciphertext) {
    return cipher.decrypt(ownerId, ciphertext);
  }

  String accessToken(GitConnection connection) {
    return cipher.decrypt(connection.ownerId(), connection.accessTokenEnc());
  }

  /** Only for a refreshable connection, which has a refresh token. */
  String refreshToken(GitConnection connection) {
    return cipher.decrypt(
        connection.ownerId(),
        Objects.requireNonNull(
            connection.refreshTokenEnc(), "a refreshable connection has a refresh token"));
  }
}
