package io.mcpmanager.auth.login;

import io.mcpmanager.events.CredentialEventData.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Form login with brute-force protection around a password check. Every refusal (wrong password,
 * unknown user, disabled or locked account, too many attempts) is the same {@link
 * BadCredentialsException}, so the answer never tells which one it was.
 */
public class ThrottlingAuthenticationProvider implements AuthenticationProvider {

  static final String REFUSED = "Invalid username or password";
  private static final int MAX_USER_AGENT = 256;

  private final AuthenticationProvider passwordCheck;
  private final LoginThrottle throttle;
  private final LoginRecorder recorder;

  ThrottlingAuthenticationProvider(
      AuthenticationProvider passwordCheck, LoginThrottle throttle, LoginRecorder recorder) {
    this.passwordCheck = passwordCheck;
    this.throttle = throttle;
    this.recorder = recorder;
  }

  @Override
  public @Nullable Authentication authenticate(Authentication authentication) {
    LoginAttempt attempt = attempt(authentication.getName());
    Optional<LoginThrottle.Refusal> refusal = throttle.refusal(attempt.username(), attempt.ip());
    if (refusal.isPresent()) {
      recorder.failed(attempt, refusal.get().name().toLowerCase(Locale.ROOT), Outcome.DENIED);
      throw new BadCredentialsException(REFUSED);
    }
    @Nullable Authentication result;
    try {
      result = passwordCheck.authenticate(authentication);
    } catch (AccountStatusException e) {
      recorder.failed(attempt, "account_disabled", Outcome.DENIED);
      throw new BadCredentialsException(REFUSED);
    } catch (AuthenticationException e) {
      recorder.failed(attempt, "bad_credentials", Outcome.FAILURE);
      throw new BadCredentialsException(REFUSED);
    }
    recorder.succeeded(attempt);
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  private static LoginAttempt attempt(@Nullable String username) {
    HttpServletRequest request =
        RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
            ? attributes.getRequest()
            : null;
    String ip = request == null ? null : request.getRemoteAddr();
    String agent = request == null ? null : request.getHeader("User-Agent");
    if (agent != null && agent.length() > MAX_USER_AGENT) {
      agent = agent.substring(0, MAX_USER_AGENT);
    }
    return new LoginAttempt(username == null ? "" : username, ip, agent);
  }
}
