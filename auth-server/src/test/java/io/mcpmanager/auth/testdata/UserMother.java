package io.mcpmanager.auth.testdata;

import io.mcpmanager.auth.user.CreateUserRequest;
import io.mcpmanager.auth.user.Role;
import io.mcpmanager.auth.user.UserAdminService;
import io.mcpmanager.auth.user.UserResponse;
import java.util.Set;
import java.util.UUID;

/** Accounts for tests, each with a unique name so test classes sharing a context never collide. */
public final class UserMother {

  public static final String PASSWORD = "correct horse battery staple";

  private UserMother() {}

  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static UserResponse user(UserAdminService users, String prefix) {
    return users.create(new CreateUserRequest(uniqueName(prefix), PASSWORD, Set.of()));
  }

  public static UserResponse admin(UserAdminService users, String prefix) {
    return users.create(new CreateUserRequest(uniqueName(prefix), PASSWORD, Set.of(Role.ADMIN)));
  }
}
