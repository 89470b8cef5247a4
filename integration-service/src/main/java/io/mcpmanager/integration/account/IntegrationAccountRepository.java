package io.mcpmanager.integration.account;

import io.mcpmanager.integration.catalog.IntegrationType;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Integration accounts; tombstones (revoked) are filtered by callers. */
public interface IntegrationAccountRepository extends JpaRepository<IntegrationAccount, UUID>,
    JpaSpecificationExecutor<IntegrationAccount> {

  Optional<IntegrationAccount> findFirstByOwnerIdAndTypeAndStatusIn(String ownerId, IntegrationType type,
      Collection<IntegrationStatus> statuses);

  /** The row locked until the transaction ends (SELECT … FOR UPDATE): concurrent writers take turns. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("SELECT a FROM IntegrationAccount a WHERE a.id = :id")
  Optional<IntegrationAccount> findForUpdate(UUID id);

  boolean existsByOwnerIdAndTypeAndStatusIn(String ownerId, IntegrationType type,
      Collection<IntegrationStatus> statuses);
}
