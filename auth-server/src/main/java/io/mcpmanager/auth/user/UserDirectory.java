package io.mcpmanager.auth.user;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How other features (login, token issuing) look an account up, without reaching into its table.
 */
@Service
public class UserDirectory {

  private final AppUserRepository users;

  UserDirectory(AppUserRepository users) {
    this.users = users;
  }

  /** The account of a username as typed (any case, surrounding spaces), if there is one. */
  @Transactional(readOnly = true)
  public Optional<UserSummary> find(String username) {
    return users.findByUsername(Usernames.normalize(username)).map(UserSummary::from);
  }

  /** The account with this id (the {@code sub} of its tokens), if there is one. */
  @Transactional(readOnly = true)
  public Optional<UserSummary> findById(UUID id) {
    return users.findById(id).map(UserSummary::from);
  }
}
