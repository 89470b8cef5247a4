package io.mcpmanager.integration.account;

import io.mcpmanager.integration.catalog.IntegrationType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A user's live credential of a type as other features may see it: the decrypted secret for the
 * broker (one indexed read, one Transit decrypt, outside any transaction, then a recorded read), or
 * only its state. The entity itself never leaves this package.
 */
@Service
public class LiveCredentials {

  /** The credential handed out; the secret's {@code toString} hides it. */
  public record LiveCredential(
      UUID id,
      IntegrationType type,
      String authMethod,
      AccessTokens.AccessToken secret,
      Map<String, String> meta,
      int credentialVersion) {}

  /** Whether the credential can be used now, without its secret. */
  public record CredentialState(
      boolean usable,
      IntegrationStatus status,
      @Nullable StatusReason reason,
      @Nullable Instant lastValidatedAt,
      @Nullable Instant expiresAt) {}

  private final IntegrationAccountService accounts;
  private final AccessTokens accessTokens;

  LiveCredentials(IntegrationAccountService accounts, AccessTokens accessTokens) {
    this.accounts = accounts;
    this.accessTokens = accessTokens;
  }

  /**
   * @throws IntegrationNotFoundException when the user has no live integration of the type
   * @throws CredentialUnusableException when it exists but cannot be used (expired, revoked,
   *     failing)
   */
  public LiveCredential read(String ownerId, IntegrationType type) {
    IntegrationAccount account =
        accounts
            .live(ownerId, type)
            .orElseThrow(() -> IntegrationNotFoundException.forId(ownerId + "/" + type.value()));
    if (!account.isUsable()) {
      throw CredentialUnusableException.of(type.value(), account.status(), account.statusReason());
    }
    AccessTokens.AccessToken secret = accessTokens.current(account);
    accounts.recordBrokeredRead(account);
    return new LiveCredential(
        account.id(),
        type,
        account.authMethod().value(),
        secret,
        account.meta(),
        account.credentialVersion());
  }

  public Optional<CredentialState> state(String ownerId, IntegrationType type) {
    return accounts
        .live(ownerId, type)
        .map(
            a ->
                new CredentialState(
                    a.isUsable(),
                    a.status(),
                    a.statusReason(),
                    a.lastValidatedAt(),
                    a.expiresAt()));
  }
}
