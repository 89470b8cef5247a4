package io.mcpmanager.git.connection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface GitConnectionRepository extends JpaRepository<GitConnection, UUID> {

  List<GitConnection> findByOwnerIdOrderByProviderAscConnectedAtAsc(String ownerId);

  List<GitConnection> findByOwnerIdAndProviderOrderByConnectedAtAsc(
      String ownerId, String provider);

  Optional<GitConnection> findByOwnerIdAndProviderAndExternalUserId(
      String ownerId, String provider, String externalUserId);

  /** Connections whose token expires before the horizon and whose backoff (if any) has passed. */
  @Query(
      """
      select c.id from GitConnection c
      where c.refreshTokenEnc is not null and c.requiresReauth = false and c.expiresAt < :horizon
        and (c.nextRefreshAttemptAt is null or c.nextRefreshAttemptAt <= :now)
      order by c.expiresAt""")
  List<UUID> findRefreshDue(Instant horizon, Instant now);
}
