package io.mcpmanager.integration.account;

import io.mcpmanager.integration.catalog.IntegrationType;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Integration accounts; tombstones (revoked) are filtered by callers. */
public interface IntegrationAccountRepository extends JpaRepository<IntegrationAccount, UUID>,
    JpaSpecificationExecutor<IntegrationAccount> {

  Optional<IntegrationAccount> findFirstByOwnerIdAndTypeAndStatusIn(String ownerId, IntegrationType type,
      Collection<IntegrationStatus> statuses);

  boolean existsByOwnerIdAndTypeAndStatusIn(String ownerId, IntegrationType type,
      Collection<IntegrationStatus> statuses);
}
