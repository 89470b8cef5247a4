package io.mcpmanager.auth.login;

import io.mcpmanager.auth.mfa.AuthenticationFactors;
import io.mcpmanager.auth.mfa.SecondFactorException;
import io.mcpmanager.auth.mfa.SecondFactors;
import io.mcpmanager.auth.user.UserDirectory;
import io.mcpmanager.auth.user.UserSummary;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Checks the second factor (TOTP or recovery code) and answers an authentication holding only the
 * factor {@link AuthenticationFactors#OTP}; the login filter merges it with the password step's
 * authorities (Spring Security's multi-factor merge). The result stays a {@link
 * UsernamePasswordAuthenticationToken}, which the authorization store knows how to keep.
 */
class SecondFactorAuthenticationProvider implements AuthenticationProvider {

  private final UserDirectory users;
  private final SecondFactors factors;
  private final Clock clock;

  SecondFactorAuthenticationProvider(UserDirectory users, SecondFactors factors, Clock clock) {
    this.users = users;
    this.factors = factors;
    this.clock = clock;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    SecondFactorAuthenticationToken attempt = (SecondFactorAuthenticationToken) authentication;
    UserSummary user =
        users
            .find(attempt.username())
            .filter(UserSummary::enabled)
            .orElseThrow(() -> new BadCredentialsException("Invalid code"));
    try {
      factors.verify(user.id(), attempt.code(), BrowserActor.user(user.id()));
    } catch (SecondFactorException refused) {
      if (refused.status() == HttpStatus.TOO_MANY_REQUESTS) {
        throw new LockedException(refused.detail());
      }
      throw new BadCredentialsException(refused.detail());
    }
    return UsernamePasswordAuthenticationToken.authenticated(
        attempt.getPrincipal(), null, List.of(AuthenticationFactors.otp(clock.instant())));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return SecondFactorAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
