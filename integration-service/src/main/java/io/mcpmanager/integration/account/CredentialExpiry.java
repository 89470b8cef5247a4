package io.mcpmanager.integration.account;

import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.integration.catalog.AuthMethod;
import io.mcpmanager.kit.events.CredentialEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The expiration policy's work on accounts: API tokens (OAuth tokens renew themselves) are warned
 * ahead of their maximum age, then expired; previous credentials are destroyed after their rollback
 * grace. Each step locks the rows it changes and skips rows another replica holds, and re-reads the
 * condition under the lock, so two replicas never act on one row twice.
 */
@Service
public class CredentialExpiry {

  /** States the policy acts on. */
  private static final Set<IntegrationStatus> CHECKED =
      EnumSet.of(IntegrationStatus.ACTIVE, IntegrationStatus.ERROR);

  private final IntegrationAccountRepository accounts;
  private final CredentialEvents events;

  CredentialExpiry(IntegrationAccountRepository accounts, CredentialEvents events) {
    this.accounts = accounts;
    this.events = events;
  }

  /** Warns of API tokens reaching {@code maxAge} within {@code warning}; returns how many. */
  @Transactional
  public int warnExpiring(Instant now, Duration maxAge, Duration warning) {
    Instant expireBefore = now.minus(maxAge);
    List<IntegrationAccount> due =
        accounts
            .findByAuthMethodAndStatusInAndExpiryWarnedAtIsNullAndCredentialCreatedAtLessThanEqualAndCredentialCreatedAtGreaterThan(
                AuthMethod.API_TOKEN, CHECKED, expireBefore.plus(warning), expireBefore);
    for (IntegrationAccount a : due) {
      a.expiryWarned(now);
      record(
          EventTypes.INTEGRATION_EXPIRING,
          a,
          "expiry-warning",
          Map.of("expires_at", new Change(null, a.credentialCreatedAt().plus(maxAge))));
    }
    return due.size();
  }

  /** Expires API tokens older than {@code maxAge}; returns how many. */
  @Transactional
  public int expireOverAge(Instant now, Duration maxAge) {
    List<IntegrationAccount> due =
        accounts.findByAuthMethodAndStatusInAndCredentialCreatedAtLessThanEqual(
            AuthMethod.API_TOKEN, CHECKED, now.minus(maxAge));
    for (IntegrationAccount a : due) {
      IntegrationStatus before = a.status();
      StatusReason reason = StatusReason.EXPIRED_BY_POLICY;
      a.markExpired(reason, now);
      record(
          EventTypes.INTEGRATION_EXPIRED,
          a,
          "expire",
          Map.of("status_reason", new Change(null, reason.value())));
      record(
          EventTypes.INTEGRATION_STATUS_CHANGED,
          a,
          "expire",
          Map.of("status", new Change(before.value(), a.status().value())));
    }
    return due.size();
  }

  /** Destroys previous credentials past their rollback grace; returns how many. */
  @Transactional
  public int destroyPreviousCredentials(Instant now) {
    List<IntegrationAccount> due = accounts.findByPreviousCredentialUntilLessThanEqual(now);
    for (IntegrationAccount a : due) {
      a.destroyPreviousCredentialAfterGrace(now);
      record(
          EventTypes.INTEGRATION_UPDATED,
          a,
          "destroy-previous-credential",
          Map.of("previous_credential", new Change("kept", "destroyed")));
    }
    return due.size();
  }

  /** API tokens created at or before {@code createdBefore} that are not yet expired. */
  @Transactional(readOnly = true)
  public long countAgingApiTokens(Instant createdBefore) {
    return accounts.countByAuthMethodAndStatusInAndCredentialCreatedAtLessThanEqual(
        AuthMethod.API_TOKEN, CHECKED, createdBefore);
  }

  /** Active credentials unused since {@code before}. */
  @Transactional(readOnly = true)
  public long countStale(Instant before) {
    return accounts.countStale(before);
  }

  private void record(
      String type, IntegrationAccount a, String action, Map<String, Change> changes) {
    events.record(
        type,
        new CredentialEvents.Subject(
            a.ownerId(), IntegrationAccountService.ENTITY, a.id().toString()),
        action,
        Outcome.SUCCESS,
        changes);
  }
}
