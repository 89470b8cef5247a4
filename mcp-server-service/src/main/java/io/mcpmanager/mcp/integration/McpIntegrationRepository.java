package io.mcpmanager.mcp.integration;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface McpIntegrationRepository extends JpaRepository<McpIntegration, UUID> {

  List<McpIntegration> findByServerIdOrderByCreatedAt(UUID serverId);

  Optional<McpIntegration> findByIdAndServerId(UUID id, UUID serverId);

  Optional<McpIntegration> findByServerIdAndIntegrationType(UUID serverId, String integrationType);

  Optional<McpIntegration> findByServerIdAndGitConnectionId(UUID serverId, String gitConnectionId);
}
