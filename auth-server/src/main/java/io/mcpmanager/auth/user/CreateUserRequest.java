package io.mcpmanager.auth.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A new account. Passwords follow NIST SP 800-63B: long rather than complex (12 to 128 characters).
 *
 * @param roles extra roles, may be left out; every account has USER
 */
public record CreateUserRequest(
    @NotBlank
        @Size(min = 3, max = 64)
        @Pattern(
            regexp = "[A-Za-z0-9._-]+",
            message = "may contain only letters, digits, '.', '_' and '-'")
        String username,
    @NotBlank @Size(min = 12, max = 128) String password,
    @Nullable Set<Role> roles) {

  /** Masks the password in logs and toString output. */
  @Override
  public String toString() {
    return "CreateUserRequest[username=" + username + ", roles=" + roles + "]";
  }
}
