package io.mcpmanager.auth.key;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SigningKeyRepository extends JpaRepository<SigningKey, String> {

  List<SigningKey> findAllByOrderByCreatedAtDesc();

  List<SigningKey> findByRetiredAtIsNull();

  @Modifying
  @Query("DELETE FROM SigningKey k WHERE k.removeAfter IS NOT NULL AND k.removeAfter < :now")
  int deleteExpired(Instant now);
}
