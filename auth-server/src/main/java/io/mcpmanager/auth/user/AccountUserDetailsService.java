package io.mcpmanager.auth.user;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads accounts for form login. Returns Spring's plain {@link User} so the authentication stored
 * with an OAuth2 authorization serialises with the library's own allow-listed types.
 */
@Service
public class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

  private final AppUserRepository users;

  public AccountUserDetailsService(AppUserRepository users) {
    this.users = users;
  }

  @Override
  @Transactional(readOnly = true)
  public UserDetails loadUserByUsername(String username) {
    AppUser user =
        users
            .findByUsername(Usernames.normalize(username))
            .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    return User.withUsername(user.username())
        .password(user.passwordHash())
        .disabled(!user.enabled())
        .roles(user.roles().stream().map(Role::name).toArray(String[]::new))
        .build();
  }

  /**
   * Called after a successful login when the stored hash uses an outdated encoding (e.g. bcrypt).
   */
  @Override
  @Transactional
  public UserDetails updatePassword(UserDetails details, @Nullable String newEncodedPassword) {
    // Spring passes the re-encoded password it just checked; a null here would erase the hash.
    String hash = Objects.requireNonNull(newEncodedPassword, "newEncodedPassword");
    users
        .findByUsername(Usernames.normalize(details.getUsername()))
        .ifPresent(user -> user.upgradePasswordHash(hash));
    return User.withUserDetails(details).password(hash).build();
  }
}
