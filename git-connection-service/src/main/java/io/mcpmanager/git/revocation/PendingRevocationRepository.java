package io.mcpmanager.git.revocation;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

interface PendingRevocationRepository extends JpaRepository<PendingRevocation, UUID> {

  /** Due rows, locked; rows another replica is working on are skipped. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
  @Query("select p from PendingRevocation p where p.nextAttemptAt <= :now order by p.nextAttemptAt")
  List<PendingRevocation> lockDue(Instant now, Limit limit);
}
