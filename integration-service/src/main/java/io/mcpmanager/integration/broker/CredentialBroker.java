package io.mcpmanager.integration.broker;

import io.mcpmanager.integration.account.CredentialUnusableException;
import io.mcpmanager.integration.account.IntegrationNotFoundException;
import io.mcpmanager.integration.account.LiveCredentials;
import io.mcpmanager.integration.account.LiveCredentials.LiveCredential;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.catalog.UnsupportedIntegrationException;
import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.kit.events.DisabledOwners;
import io.mcpmanager.kit.metrics.CredentialMetrics.Operation;
import org.springframework.stereotype.Service;

/**
 * Hands a user's credential to another service (see {@link LiveCredentials}: one indexed read, one
 * Transit decrypt, a refresh first only when the OAuth token is about to expire) and counts the
 * outcome; the accessed event names the calling service.
 */
@Service
public class CredentialBroker {

  private final LiveCredentials credentials;
  private final IntegrationMetrics metrics;
  private final DisabledOwners disabledOwners;

  CredentialBroker(
      LiveCredentials credentials, IntegrationMetrics metrics, DisabledOwners disabledOwners) {
    this.credentials = credentials;
    this.metrics = metrics;
    this.disabledOwners = disabledOwners;
  }

  public BrokeredCredentialResponse credential(String ownerId, String typeValue) {
    IntegrationType type = UnsupportedIntegrationException.require(typeValue);
    if (disabledOwners.isDisabled(ownerId)) {
      metrics.failed(Operation.BROKER);
      disabledOwners.requireEnabled(ownerId);
    }
    LiveCredential credential;
    try {
      credential = credentials.read(ownerId, type);
    } catch (IntegrationNotFoundException | CredentialUnusableException e) {
      metrics.failed(Operation.BROKER);
      throw e;
    }
    metrics.succeeded(Operation.BROKER);
    return new BrokeredCredentialResponse(
        credential.id(),
        type.value(),
        credential.authMethod(),
        credential.secret().value(),
        credential.secret().expiresAt(),
        credential.meta(),
        credential.credentialVersion());
  }

  public CredentialStatusResponse status(String ownerId, String typeValue) {
    IntegrationType type = UnsupportedIntegrationException.require(typeValue);
    return credentials
        .state(ownerId, type)
        .map(
            s ->
                new CredentialStatusResponse(
                    type.value(),
                    true,
                    s.usable(),
                    s.status().value(),
                    s.reason() == null ? null : s.reason().value(),
                    s.lastValidatedAt(),
                    s.expiresAt()))
        .orElse(new CredentialStatusResponse(type.value(), false, false, null, null, null, null));
  }
}
