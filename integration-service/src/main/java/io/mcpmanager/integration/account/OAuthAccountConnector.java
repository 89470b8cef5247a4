package io.mcpmanager.integration.account;

import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.integration.catalog.AuthMethod;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.integration.provider.GoogleOAuthClients;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.metrics.CredentialMetrics.Operation;
import io.mcpmanager.kit.secrets.Hints;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.security.RequestActor;
import io.mcpmanager.oauth.TokenResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the tokens of a completed OAuth authorization (what the OAuth callback calls): a new
 * integration, or a reconnect of the user's existing one. Tokens are encrypted before the
 * transaction.
 */
@Component
public class OAuthAccountConnector {

  private final IntegrationAccountRepository accounts;
  private final SecretCipher cipher;
  private final CredentialEvents events;
  private final TransactionTemplate transactions;
  private final IntegrationMetrics metrics;
  private final Clock clock;

  OAuthAccountConnector(
      IntegrationAccountRepository accounts,
      SecretCipher cipher,
      CredentialEvents events,
      TransactionTemplate transactions,
      IntegrationMetrics metrics,
      Clock clock) {
    this.accounts = accounts;
    this.cipher = cipher;
    this.events = events;
    this.transactions = transactions;
    this.metrics = metrics;
    this.clock = clock;
  }

  public UUID connect(String ownerId, IntegrationType type, TokenResponse tokens) {
    return connect(RequestActor.current("integration-service"), ownerId, type, tokens);
  }

  /**
   * @param actor who connected: on the public OAuth callback, the user the state was issued to
   */
  public UUID connect(Actor actor, String ownerId, IntegrationType type, TokenResponse tokens) {
    if (!type.supports(AuthMethod.OAUTH)) {
      throw new IllegalArgumentException(type.value() + " is not an OAuth integration");
    }
    if (tokens.refreshToken() == null) {
      // Without offline access the connection would die within the hour.
      throw new IllegalArgumentException(
          "no refresh token: request access_type=offline and prompt=consent");
    }
    List<String> sealed =
        cipher.encryptAll(ownerId, List.of(tokens.accessToken(), tokens.refreshToken()));
    String hint = Hints.mask(tokens.accessToken());
    Instant now = clock.instant();
    Instant expiresAt = GoogleOAuthClients.accessTokenExpiresAt(tokens, now);
    String scopes = GoogleOAuthClients.grantedScopes(tokens);
    return transactions.execute(
        tx -> {
          IntegrationAccount existing =
              accounts
                  .findFirstByOwnerIdAndTypeAndStatusIn(
                      ownerId, type, IntegrationAccountService.LIVE)
                  .orElse(null);
          if (existing != null) {
            int before = existing.credentialVersion();
            existing.reconnect(sealed.get(0), sealed.get(1), hint, expiresAt, scopes, now);
            accounts.saveAndFlush(existing);
            record(
                actor,
                EventTypes.INTEGRATION_TOKEN_ROTATED,
                existing,
                "reconnect",
                Map.of("credential_version", new Change(before, existing.credentialVersion())));
            metrics.succeeded(Operation.ROTATE);
            return existing.id();
          }
          IntegrationAccount created =
              IntegrationAccount.withOAuth(
                  ownerId, type, sealed.get(0), sealed.get(1), hint, expiresAt, scopes, now);
          accounts.saveAndFlush(created);
          record(
              actor,
              EventTypes.INTEGRATION_CREATED,
              created,
              "connect",
              Map.of(
                  "type",
                  new Change(null, type.value()),
                  "auth_method",
                  new Change(null, AuthMethod.OAUTH.value()),
                  "status",
                  new Change(null, created.status().value()),
                  "scopes",
                  new Change(null, scopes)));
          metrics.succeeded(Operation.CREATE);
          return created.id();
        });
  }

  private void record(
      Actor actor, String type, IntegrationAccount a, String action, Map<String, Change> changes) {
    events.record(
        type,
        actor,
        new CredentialEvents.Subject(
            a.ownerId(), IntegrationAccountService.ENTITY, a.id().toString()),
        action,
        Outcome.SUCCESS,
        changes);
  }
}
