package io.mcpmanager.mcp.server;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface McpServerRepository extends JpaRepository<McpServer, UUID> {

  Page<McpServer> findByOwnerId(String ownerId, Pageable pageable);

  @Query("select s.id from McpServer s where s.retireAfter is not null and s.retireAfter <= ?1")
  List<UUID> findIdsWithKeysToRetire(Instant now);

  @Query("select s.id from McpServer s where s.keyCreatedAt < ?1")
  List<UUID> findIdsWithKeysOlderThan(Instant cutoff);

  @Query(
      "select s.id from McpServer s where s.status <> io.mcpmanager.mcp.server.ServerStatus.INACTIVE")
  List<UUID> findIdsToCheck();
}
