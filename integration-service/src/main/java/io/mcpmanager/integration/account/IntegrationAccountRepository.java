package io.mcpmanager.integration.account;

import io.mcpmanager.integration.catalog.AuthMethod;
import io.mcpmanager.integration.catalog.IntegrationType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

/**
 * The one way to the {@code integration_account} table; tombstones (revoked) are filtered by
 * callers. The batch finders of the background jobs lock what they return and skip rows another
 * replica holds ({@code FOR UPDATE SKIP LOCKED}), so no row is worked on twice.
 */
interface IntegrationAccountRepository
    extends JpaRepository<IntegrationAccount, UUID>, JpaSpecificationExecutor<IntegrationAccount> {

  /** Hibernate's lock timeout for {@code SKIP LOCKED}. */
  String SKIP_LOCKED = "-2";

  Optional<IntegrationAccount> findFirstByOwnerIdAndTypeAndStatusIn(
      String ownerId, IntegrationType type, Collection<IntegrationStatus> statuses);

  /**
   * The row locked until the transaction ends (SELECT … FOR UPDATE): concurrent writers take turns.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("SELECT a FROM IntegrationAccount a WHERE a.id = :id")
  Optional<IntegrationAccount> findForUpdate(UUID id);

  boolean existsByOwnerIdAndTypeAndStatusIn(
      String ownerId, IntegrationType type, Collection<IntegrationStatus> statuses);

  /**
   * A brokered read: {@code last_used_at} only, no version bump, so reads never conflict with
   * edits.
   */
  @Modifying(flushAutomatically = true, clearAutomatically = true)
  @Query("UPDATE IntegrationAccount a SET a.lastUsedAt = :now WHERE a.id = :id")
  int markUsed(UUID id, Instant now);

  /** Credentials due for their periodic check, oldest first. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = SKIP_LOCKED))
  @Query(
      """
      SELECT a FROM IntegrationAccount a
      WHERE a.status IN :statuses AND a.credentialCiphertext IS NOT NULL AND a.nextValidationAt <= :now
      ORDER BY a.nextValidationAt""")
  List<IntegrationAccount> claimDueForValidation(
      Collection<IntegrationStatus> statuses, Instant now, Limit limit);

  /**
   * OAuth accounts whose access token expires before {@code horizon} and whose backoff (if any) is
   * over.
   */
  @Query(
      """
      SELECT a.id FROM IntegrationAccount a
      WHERE a.authMethod = io.mcpmanager.integration.catalog.AuthMethod.OAUTH AND a.refreshTokenCiphertext IS NOT NULL
        AND (a.status = io.mcpmanager.integration.account.IntegrationStatus.ACTIVE
          OR (a.status = io.mcpmanager.integration.account.IntegrationStatus.ERROR AND a.statusReason = io.mcpmanager.integration.account.StatusReason.PROVIDER_UNAVAILABLE))
        AND a.expiresAt <= :horizon AND (a.nextRefreshAt IS NULL OR a.nextRefreshAt <= :now)
      ORDER BY a.expiresAt""")
  List<UUID> findRefreshDue(Instant horizon, Instant now, Limit limit);

  /** Credentials of {@code method} created in {@code (after, notAfter]}, not yet warned. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = SKIP_LOCKED))
  List<IntegrationAccount>
      findByAuthMethodAndStatusInAndExpiryWarnedAtIsNullAndCredentialCreatedAtLessThanEqualAndCredentialCreatedAtGreaterThan(
          AuthMethod method,
          Collection<IntegrationStatus> statuses,
          Instant notAfter,
          Instant after);

  /** Credentials of {@code method} created at or before {@code notAfter}. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = SKIP_LOCKED))
  List<IntegrationAccount> findByAuthMethodAndStatusInAndCredentialCreatedAtLessThanEqual(
      AuthMethod method, Collection<IntegrationStatus> statuses, Instant notAfter);

  long countByAuthMethodAndStatusInAndCredentialCreatedAtLessThanEqual(
      AuthMethod method, Collection<IntegrationStatus> statuses, Instant notAfter);

  /** Previous credentials whose rollback grace is over. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = SKIP_LOCKED))
  List<IntegrationAccount> findByPreviousCredentialUntilLessThanEqual(Instant now);

  /** Active credentials not used (or, never used, not created) since {@code before}. */
  @Query(
      """
      SELECT count(a) FROM IntegrationAccount a
      WHERE a.status = io.mcpmanager.integration.account.IntegrationStatus.ACTIVE AND coalesce(a.lastUsedAt, a.createdAt) < :before""")
  long countStale(Instant before);
}
