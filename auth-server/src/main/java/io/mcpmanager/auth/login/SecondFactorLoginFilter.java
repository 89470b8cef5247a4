package io.mcpmanager.auth.login;

import io.mcpmanager.auth.mfa.SecondFactors;
import io.mcpmanager.auth.user.UserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Objects;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * {@code POST /login/second-factor}: the code typed after the password. Only a session that passed
 * the password step may try; success adds the OTP factor to it (multi-factor merge) and returns to
 * the saved request (the authorization or device flow that asked for it).
 */
public class SecondFactorLoginFilter extends AbstractAuthenticationProcessingFilter {

  public static final String PAGE = "/login/second-factor";

  public SecondFactorLoginFilter(UserDirectory users, SecondFactors factors, Clock clock) {
    super(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, PAGE));
    // Its own manager with only the second-factor check: no password check is reachable here.
    setAuthenticationManager(
        new ProviderManager(new SecondFactorAuthenticationProvider(users, factors, clock)));
    setMfaEnabled(true);
    setSecurityContextRepository(new HttpSessionSecurityContextRepository());
    setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
    setAuthenticationFailureHandler(
        (request, response, exception) ->
            response.sendRedirect(
                PAGE + (exception instanceof LockedException ? "?locked" : "?error")));
  }

  @Override
  public Authentication attemptAuthentication(
      HttpServletRequest request, HttpServletResponse response) {
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    if (current == null
        || !current.isAuthenticated()
        || current.getPrincipal() == null
        || !passwordChecked(current)) {
      throw new InsufficientAuthenticationException("Sign in with your password first");
    }
    String code = request.getParameter("code");
    return getAuthenticationManager()
        .authenticate(
            new SecondFactorAuthenticationToken(
                Objects.requireNonNull(current.getPrincipal()),
                current.getName(),
                code == null ? "" : code));
  }

  private static boolean passwordChecked(Authentication authentication) {
    return authentication.getAuthorities().stream()
        .anyMatch(a -> FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(a.getAuthority()));
  }
}
