package io.mcpmanager.auth.delegation;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;

/**
 * What a token-exchange request asks for: scopes, audiences ({@code audience} and {@code resource}
 * together, RFC 8693 §2.1) and lifetime ({@code expires_in}, seconds; an extension parameter, since
 * the RFC has none). Read the same way when the request is checked and when the token is shaped.
 */
record DelegationRequest(List<String> scopes, List<String> audiences, Duration lifetime) {

  static final String EXPIRES_IN = "expires_in";

  /** RFC 8693 §2.2.2: the audience or resource is not one a token may be issued for. */
  static final String INVALID_TARGET = "invalid_target";

  static DelegationRequest of(
      OAuth2TokenExchangeAuthenticationToken grant, DelegationProperties properties) {
    Set<String> scopes = new TreeSet<>(grant.getScopes());
    if (scopes.isEmpty()) {
      throw error(OAuth2ErrorCodes.INVALID_SCOPE, "Name the scopes to delegate (scope)");
    }
    Set<String> audiences = new LinkedHashSet<>(grant.getAudiences());
    audiences.addAll(grant.getResources());
    if (audiences.isEmpty()) {
      throw error(INVALID_TARGET, "Name the audience of the delegated token (audience)");
    }
    return new DelegationRequest(
        List.copyOf(scopes), List.copyOf(audiences), lifetime(grant, properties));
  }

  private static Duration lifetime(
      OAuth2TokenExchangeAuthenticationToken grant, DelegationProperties properties) {
    Object asked = grant.getAdditionalParameters().get(EXPIRES_IN);
    if (asked == null) {
      return properties.defaultLifetime();
    }
    long seconds;
    try {
      seconds = Long.parseLong(String.valueOf(asked));
    } catch (NumberFormatException notANumber) {
      seconds = -1;
    }
    if (seconds < 1 || seconds > DelegationProperties.MAX_LIFETIME.toSeconds()) {
      throw error(
          OAuth2ErrorCodes.INVALID_REQUEST,
          "expires_in must be 1 to "
              + DelegationProperties.MAX_LIFETIME.toSeconds()
              + " seconds: a delegated token lives at most 60 minutes");
    }
    return Duration.ofSeconds(seconds);
  }

  static OAuth2AuthenticationException error(String code, String description) {
    return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
  }
}
