package io.mcpmanager.auth.pat;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.Collection;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A token that may not be created as asked. */
class PatRequestException extends ApiException {

  private PatRequestException(HttpStatus status, String slug, String title, String detail) {
    super(status, ProblemTypes.of(slug), title, detail, Map.of());
  }

  static PatRequestException unknownScopes(Collection<String> scopes) {
    return new PatRequestException(
        HttpStatus.BAD_REQUEST,
        "unknown-scope",
        "Unknown scope",
        "These scopes do not exist: " + String.join(", ", scopes));
  }

  static PatRequestException scopesNotHeld(Collection<String> scopes) {
    return new PatRequestException(
        HttpStatus.BAD_REQUEST,
        "scope-not-held",
        "Scope not held",
        "A token cannot hold more than its owner; not held: " + String.join(", ", scopes));
  }

  static PatRequestException invalidCidr(String cidr) {
    return new PatRequestException(
        HttpStatus.BAD_REQUEST,
        "invalid-cidr",
        "Invalid network",
        "'" + cidr + "' is not an IPv4 or IPv6 network in CIDR notation");
  }

  static PatRequestException tooMany(int max) {
    return new PatRequestException(
        HttpStatus.CONFLICT,
        "too-many-tokens",
        "Too many tokens",
        "An account holds at most " + max + " personal access tokens; delete one first");
  }
}
