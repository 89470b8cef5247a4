package io.mcpmanager.git.repos;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface RepositorySyncRepository extends JpaRepository<RepositorySync, UUID> {

  Optional<RepositorySync> findByConnectionIdAndStatus(UUID connectionId, SyncStatus status);
}
