package io.mcpmanager.auth.user;

import java.util.List;
import java.util.Set;

/**
 * The scopes of the platform's APIs, {@code <family>:read} and {@code <family>:write}: each service
 * requires the read scope of its family for GET and HEAD and the write scope for every other
 * method. Every account holds all of them (the USER role); what a token may do is narrowed by its
 * {@code scope} claim: sign-in tokens carry every scope the user holds, a personal access token
 * only those it was created with.
 */
public final class ApiScopes {

  public static final List<String> ALL =
      List.of(
          "integrations:read",
          "integrations:write",
          "git:read",
          "git:write",
          "mcp:read",
          "mcp:write",
          "audit:read");

  private ApiScopes() {}

  /** The API scopes an account with these roles holds. */
  public static List<String> heldBy(Set<Role> roles) {
    return roles.contains(Role.USER) ? ALL : List.of();
  }

  public static boolean isApiScope(String scope) {
    return ALL.contains(scope);
  }
}
