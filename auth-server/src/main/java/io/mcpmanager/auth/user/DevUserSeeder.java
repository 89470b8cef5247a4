package io.mcpmanager.auth.user;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Development accounts, in the {@code local} and {@code dev} profiles only: alice and bob (USER)
 * and admin (ADMIN), all with the password from {@code MCPM_DEV_PASSWORD}, which must be set.
 */
@Component
@Profile({"local", "dev"})
class DevUserSeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DevUserSeeder.class);
  private static final Map<String, Set<Role>> ACCOUNTS =
      Map.of(
          "alice",
          Set.of(Role.USER),
          "bob",
          Set.of(Role.USER),
          "admin",
          Set.of(Role.USER, Role.ADMIN));

  private final AppUserRepository users;
  private final PasswordEncoder passwords;
  private final Clock clock;
  private final String password;

  DevUserSeeder(
      AppUserRepository users, PasswordEncoder passwords, Clock clock, Environment environment) {
    this.users = users;
    this.passwords = passwords;
    this.clock = clock;
    String password = environment.getProperty("MCPM_DEV_PASSWORD");
    if (password == null || password.isBlank()) {
      throw new IllegalStateException(
          "MCPM_DEV_PASSWORD must be set in the local/dev profile:"
              + " it is the password of the seeded accounts alice, bob and admin");
    }
    this.password = password;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    ACCOUNTS.forEach(
        (username, roles) -> {
          if (!users.existsByUsername(username)) {
            users.save(
                AppUser.register(
                    username,
                    Objects.requireNonNull(passwords.encode(password)),
                    roles,
                    clock.instant()));
            log.info("seeded development account {}", username);
          }
        });
  }
}
