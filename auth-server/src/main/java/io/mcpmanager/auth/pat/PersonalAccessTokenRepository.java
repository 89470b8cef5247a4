package io.mcpmanager.auth.pat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface PersonalAccessTokenRepository extends JpaRepository<PersonalAccessToken, UUID> {

  List<PersonalAccessToken> findAllByOwnerIdOrderByCreatedAt(UUID ownerId);

  Optional<PersonalAccessToken> findByIdAndOwnerId(UUID id, UUID ownerId);

  Optional<PersonalAccessToken> findBySecretHash(String secretHash);

  long countByOwnerId(UUID ownerId);
}
