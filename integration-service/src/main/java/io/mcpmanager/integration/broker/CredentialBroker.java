package io.mcpmanager.integration.broker;

import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.integration.account.CredentialUnusableException;
import io.mcpmanager.integration.account.IntegrationAccount;
import io.mcpmanager.integration.account.IntegrationAccountRepository;
import io.mcpmanager.integration.account.IntegrationAccountService;
import io.mcpmanager.integration.account.IntegrationNotFoundException;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.catalog.UnsupportedIntegrationException;
import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.integration.oauth.CredentialRefresher;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.metrics.CredentialMetrics.Operation;
import io.mcpmanager.kit.secrets.SecretCipher;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands a user's credential to another service: one indexed read, a refresh only when the OAuth
 * token is about to expire (single-flight, see {@link CredentialRefresher}), one Transit decrypt,
 * and an accessed event naming the calling service.
 */
@Service
public class CredentialBroker {

  private final IntegrationAccountRepository accounts;
  private final CredentialRefresher refresher;
  private final SecretCipher cipher;
  private final CredentialEvents events;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final IntegrationMetrics metrics;
  private final Clock clock;

  CredentialBroker(IntegrationAccountRepository accounts, CredentialRefresher refresher, SecretCipher cipher,
      CredentialEvents events, JdbcClient jdbc, TransactionTemplate transactions, IntegrationMetrics metrics,
      Clock clock) {
    this.accounts = accounts;
    this.refresher = refresher;
    this.cipher = cipher;
    this.events = events;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.metrics = metrics;
    this.clock = clock;
  }

  public BrokeredCredentialResponse credential(String ownerId, String typeValue) {
    IntegrationType type = UnsupportedIntegrationException.require(typeValue);
    IntegrationAccount account = accounts.findFirstByOwnerIdAndTypeAndStatusIn(ownerId, type,
        IntegrationAccountService.LIVE).orElseThrow(() -> {
          metrics.failed(Operation.BROKER);
          return IntegrationNotFoundException.forId(ownerId + "/" + type.value());
        });
    if (!account.isUsable()) {
      metrics.failed(Operation.BROKER);
      throw CredentialUnusableException.of(type.value(), account.status(), account.statusReason());
    }
    String secret = account.isOAuth() ? refresher.accessToken(account.id())
        : cipher.decrypt(ownerId, account.credentialCiphertext());
    Instant expiresAt = account.isOAuth() ? currentExpiry(account) : null;
    Instant now = clock.instant();
    transactions.executeWithoutResult(tx -> {
      // last_used_at only: no version bump, so concurrent reads never conflict with edits.
      jdbc.sql("UPDATE integration_account SET last_used_at = :now WHERE id = :id")
          .param("now", Timestamp.from(now)).param("id", account.id()).update();
      events.record(EventTypes.INTEGRATION_ACCESSED,
          new CredentialEvents.Subject(ownerId, "integration", account.id().toString()), "broker",
          Outcome.SUCCESS, Map.of("credential_version", new Change(null, account.credentialVersion()),
              "type", new Change(null, type.value())));
    });
    metrics.succeeded(Operation.BROKER);
    return new BrokeredCredentialResponse(account.id(), type.value(), account.authMethod().value(), secret,
        expiresAt, account.meta(), account.credentialVersion());
  }

  @Transactional(readOnly = true)
  public CredentialStatusResponse status(String ownerId, String typeValue) {
    IntegrationType type = UnsupportedIntegrationException.require(typeValue);
    return accounts.findFirstByOwnerIdAndTypeAndStatusIn(ownerId, type, IntegrationAccountService.LIVE)
        .map(a -> new CredentialStatusResponse(type.value(), true, a.isUsable(), a.status().value(),
            a.statusReason() == null ? null : a.statusReason().value(), a.lastValidatedAt(), a.expiresAt()))
        .orElse(new CredentialStatusResponse(type.value(), false, false, null, null, null, null));
  }

  private Instant currentExpiry(IntegrationAccount account) {
    Timestamp expires = jdbc.sql("SELECT expires_at FROM integration_account WHERE id = :id")
        .param("id", account.id()).query(Timestamp.class).single();
    return expires == null ? null : expires.toInstant();
  }
}
