package io.mcpmanager.auth.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.context.annotation.Profile;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Development accounts: only in local/dev, only with MCPM_DEV_PASSWORD, never duplicated. */
class DevUserSeederTests {

  private final AppUserRepository users = mock(AppUserRepository.class);
  private final PasswordEncoder passwords = mock(PasswordEncoder.class);

  @Test
  void shouldExistOnlyInTheLocalAndDevProfiles() {
    assertThat(DevUserSeeder.class.getAnnotation(Profile.class).value())
        .containsExactlyInAnyOrder("local", "dev");
  }

  @Test
  void shouldFailFastWithoutTheDevPassword() {
    assertThatThrownBy(
            () -> new DevUserSeeder(users, passwords, Clock.systemUTC(), new MockEnvironment()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MCPM_DEV_PASSWORD");
  }

  @Test
  void shouldSeedAliceBobAndAdminWithTheirRoles() {
    when(passwords.encode("dev-password-123")).thenReturn("{argon2}hash");
    when(users.existsByUsername("bob")).thenReturn(true);
    DevUserSeeder seeder =
        new DevUserSeeder(
            users,
            passwords,
            Clock.systemUTC(),
            new MockEnvironment().withProperty("MCPM_DEV_PASSWORD", "dev-password-123"));

    seeder.run(null);

    ArgumentCaptor<AppUser> saved = ArgumentCaptor.forClass(AppUser.class);
    verify(users, times(2)).save(saved.capture());
    List<AppUser> seeded = saved.getAllValues();
    assertThat(seeded).extracting(AppUser::username).containsExactlyInAnyOrder("alice", "admin");
    assertThat(seeded)
        .filteredOn(u -> u.username().equals("admin"))
        .singleElement()
        .satisfies(u -> assertThat(u.roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN));
    assertThat(seeded).allSatisfy(u -> assertThat(u.passwordHash()).isEqualTo("{argon2}hash"));
  }
}
