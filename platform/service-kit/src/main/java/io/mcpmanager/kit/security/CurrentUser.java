package io.mcpmanager.kit.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, taken from the validated access token: a user (roles USER/ADMIN) or a service
 * client (client credentials: scopes, no roles). Controllers take it as a method parameter.
 */
public record CurrentUser(String id, Set<String> roles, Set<String> scopes) {

  public static final String ADMIN = "ADMIN";

  public static CurrentUser from(Jwt jwt) {
    return new CurrentUser(
        jwt.getSubject(),
        Set.copyOf(strings(jwt.getClaim("roles"))),
        Set.copyOf(scopes(jwt.getClaim("scope"))));
  }

  public boolean isAdmin() {
    return roles.contains(ADMIN);
  }

  /** A service client rather than a person: client-credentials tokens carry no roles. */
  public boolean isService() {
    return roles.isEmpty();
  }

  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }

  /** Owners see their own objects; admins see everyone's. Anything else is answered with 404. */
  public boolean mayAccess(String ownerId) {
    return id.equals(ownerId) || isAdmin();
  }

  private static List<String> scopes(Object claim) {
    if (claim instanceof String text) {
      return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
    return strings(claim);
  }

  private static List<String> strings(Object claim) {
    if (claim instanceof Collection<?> values) {
      return values.stream().map(String::valueOf).toList();
    }
    return List.of();
  }
}
