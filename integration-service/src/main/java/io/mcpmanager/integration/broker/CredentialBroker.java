package io.mcpmanager.integration.broker;

import io.mcpmanager.integration.account.AccessTokens;
import io.mcpmanager.integration.account.CredentialUnusableException;
import io.mcpmanager.integration.account.IntegrationAccount;
import io.mcpmanager.integration.account.IntegrationAccountService;
import io.mcpmanager.integration.account.IntegrationNotFoundException;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.catalog.UnsupportedIntegrationException;
import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.kit.metrics.CredentialMetrics.Operation;
import org.springframework.stereotype.Service;

/**
 * Hands a user's credential to another service: one indexed read, one Transit decrypt (a refresh
 * first only when the OAuth token is about to expire, single-flight, see {@link AccessTokens}), and
 * an accessed event naming the calling service. No transaction is open during the Vault call.
 */
@Service
public class CredentialBroker {

  private final IntegrationAccountService accounts;
  private final AccessTokens accessTokens;
  private final IntegrationMetrics metrics;

  CredentialBroker(IntegrationAccountService accounts, AccessTokens accessTokens, IntegrationMetrics metrics) {
    this.accounts = accounts;
    this.accessTokens = accessTokens;
    this.metrics = metrics;
  }

  public BrokeredCredentialResponse credential(String ownerId, String typeValue) {
    IntegrationType type = UnsupportedIntegrationException.require(typeValue);
    IntegrationAccount account = accounts.live(ownerId, type).orElseThrow(() -> {
      metrics.failed(Operation.BROKER);
      return IntegrationNotFoundException.forId(ownerId + "/" + type.value());
    });
    if (!account.isUsable()) {
      metrics.failed(Operation.BROKER);
      throw CredentialUnusableException.of(type.value(), account.status(), account.statusReason());
    }
    AccessTokens.AccessToken secret = accessTokens.current(account);
    accounts.recordBrokeredRead(account);
    metrics.succeeded(Operation.BROKER);
    return new BrokeredCredentialResponse(account.id(), type.value(), account.authMethod().value(), secret.value(),
        secret.expiresAt(), account.meta(), account.credentialVersion());
  }

  public CredentialStatusResponse status(String ownerId, String typeValue) {
    IntegrationType type = UnsupportedIntegrationException.require(typeValue);
    return accounts.live(ownerId, type)
        .map(a -> new CredentialStatusResponse(type.value(), true, a.isUsable(), a.status().value(),
            a.statusReason() == null ? null : a.statusReason().value(), a.lastValidatedAt(), a.expiresAt()))
        .orElse(new CredentialStatusResponse(type.value(), false, false, null, null, null, null));
  }
}
