package io.mcpmanager.auth.user;

import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Account administration: every change is one transaction with its credential event. */
@Service
public class UserAdminService {

  private static final String ENTITY_TYPE = "user";

  private final AppUserRepository users;
  private final PasswordEncoder passwords;
  private final AccountLocks locks;
  private final CredentialEvents events;
  private final JdbcClient jdbc;
  private final Clock clock;

  public UserAdminService(
      AppUserRepository users,
      PasswordEncoder passwords,
      AccountLocks locks,
      CredentialEvents events,
      JdbcClient jdbc,
      Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.locks = locks;
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  public UserResponse create(CreateUserRequest request) {
    String username = Usernames.normalize(request.username());
    if (users.existsByUsername(username)) {
      throw UsernameTakenException.forUsername(username);
    }
    AppUser user =
        users.save(
            AppUser.register(
                username,
                Objects.requireNonNull(passwords.encode(request.password())),
                request.roles() == null ? Set.of() : request.roles(),
                clock.instant()));
    record(
        EventTypes.USER_CREATED,
        user,
        "create",
        Map.of(
            "username", new Change(null, user.username()),
            "roles", new Change(null, UserResponse.from(user, false).roles())));
    return UserResponse.from(user, false);
  }

  @Transactional(readOnly = true)
  public List<UserResponse> list() {
    return users.findAllByOrderByUsername().stream()
        .map(user -> UserResponse.from(user, locks.isLocked(user.username())))
        .toList();
  }

  /** Disables the account and revokes its refresh tokens; running access tokens expire soon. */
  @Transactional
  public UserResponse disable(UUID id) {
    AppUser user = find(id);
    boolean before = user.enabled();
    user.disable();
    jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = :name")
        .param("name", user.username())
        .update();
    record(EventTypes.USER_DISABLED, user, "disable", Map.of("enabled", new Change(before, false)));
    return UserResponse.from(user, locks.isLocked(user.username()));
  }

  /** Enables the account again; the user logs in anew (their refresh tokens stay revoked). */
  @Transactional
  public UserResponse enable(UUID id) {
    AppUser user = find(id);
    boolean before = user.enabled();
    user.enable();
    record(EventTypes.USER_ENABLED, user, "enable", Map.of("enabled", new Change(before, true)));
    return UserResponse.from(user, locks.isLocked(user.username()));
  }

  @Transactional
  public UserResponse unlock(UUID id) {
    AppUser user = find(id);
    boolean wasLocked = locks.isLocked(user.username());
    locks.unlock(user.username());
    record(
        EventTypes.USER_UNLOCKED, user, "unlock", Map.of("locked", new Change(wasLocked, false)));
    return UserResponse.from(user, false);
  }

  private AppUser find(UUID id) {
    return users.findById(id).orElseThrow(() -> UserNotFoundException.forId(id));
  }

  private void record(String type, AppUser user, String action, Map<String, Change> changes) {
    String id = user.id().toString();
    events.record(
        type, new CredentialEvents.Subject(id, ENTITY_TYPE, id), action, Outcome.SUCCESS, changes);
  }
}
