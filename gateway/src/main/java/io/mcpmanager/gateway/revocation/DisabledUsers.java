package io.mcpmanager.gateway.revocation;

import io.mcpmanager.events.EventTypes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The subjects (user ids) currently disabled, as learnt from the events; a token validator that
 * refuses their tokens as {@code invalid_token}.
 */
public final class DisabledUsers implements OAuth2TokenValidator<Jwt> {

  private static final OAuth2Error DISABLED =
      new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The user is disabled.", null);

  private final Set<String> subjects = ConcurrentHashMap.newKeySet();

  /** Applies one event; other event types are ignored. */
  void apply(String type, @Nullable String userId) {
    if (userId == null) {
      return;
    }
    if (EventTypes.USER_DISABLED.equals(type)) {
      subjects.add(userId);
    } else if (EventTypes.USER_ENABLED.equals(type)) {
      subjects.remove(userId);
    }
  }

  public boolean isDisabled(@Nullable String subject) {
    return subject != null && subjects.contains(subject);
  }

  int size() {
    return subjects.size();
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt token) {
    return isDisabled(token.getSubject())
        ? OAuth2TokenValidatorResult.failure(DISABLED)
        : OAuth2TokenValidatorResult.success();
  }
}
