package io.mcpmanager.auth.login;

import io.mcpmanager.auth.mfa.AuthenticationFactors;
import io.mcpmanager.auth.mfa.SecondFactors;
import io.mcpmanager.auth.user.UserDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands in front of the authorization and device-verification endpoints, which answer a signed-in
 * user at once (before any authorization rule runs):
 *
 * <ul>
 *   <li>{@code max_age} (OIDC): a sign-in older than that is dropped, so the user signs in afresh;
 *       a sign-in made after the drop passes even if {@code max_age} is 0, so there is no loop.
 *   <li>a user who must use a second factor (enrolled, or by policy), or a request with {@code
 *       acr_values=urn:mcpm:acr:mfa}, and a session without one: the request is saved and the user
 *       sent to the second-factor page, which returns here.
 * </ul>
 */
public class SecondFactorGate extends OncePerRequestFilter {

  private static final String FRESH_SIGN_IN_ASKED_AT =
      SecondFactorGate.class.getName() + ".FRESH_SIGN_IN_ASKED_AT";

  private final String authorizationEndpoint;
  private final String deviceVerificationEndpoint;
  private final UserDirectory users;
  private final SecondFactors factors;
  private final Clock clock;
  private final HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();
  private final HttpSessionSecurityContextRepository contexts =
      new HttpSessionSecurityContextRepository();

  public SecondFactorGate(
      String authorizationEndpoint,
      String deviceVerificationEndpoint,
      UserDirectory users,
      SecondFactors factors,
      Clock clock) {
    this.authorizationEndpoint = authorizationEndpoint;
    this.deviceVerificationEndpoint = deviceVerificationEndpoint;
    this.users = users;
    this.factors = factors;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !path.equals(authorizationEndpoint) && !path.equals(deviceVerificationEndpoint);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || authentication instanceof AnonymousAuthenticationToken
        || !authentication.isAuthenticated()) {
      chain.doFilter(request, response);
      return;
    }
    if (tooOld(authentication, request)) {
      request.getSession().setAttribute(FRESH_SIGN_IN_ASKED_AT, clock.instant());
      SecurityContextHolder.clearContext();
      contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
      chain.doFilter(request, response); // now anonymous: the endpoint sends the user to sign in
      return;
    }
    if (!AuthenticationFactors.hasSecondFactor(authentication)
        && (asksForMfa(request) || mustUseSecondFactor(authentication))) {
      savedRequests.saveRequest(request, response);
      response.sendRedirect(request.getContextPath() + SecondFactorLoginFilter.PAGE);
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean tooOld(Authentication authentication, HttpServletRequest request) {
    Long maxAge = maxAge(request.getParameter("max_age"));
    Optional<Instant> authTime = AuthenticationFactors.authTime(authentication);
    if (maxAge == null || authTime.isEmpty()) {
      return false;
    }
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(FRESH_SIGN_IN_ASKED_AT) instanceof Instant asked
        && !authTime.get().isBefore(asked)) {
      return false;
    }
    return authTime.get().plusSeconds(maxAge).isBefore(clock.instant());
  }

  private static @Nullable Long maxAge(@Nullable String value) {
    if (value == null || !value.matches("\\d{1,9}")) {
      return null;
    }
    return Long.parseLong(value);
  }

  private static boolean asksForMfa(HttpServletRequest request) {
    String acrValues = request.getParameter("acr_values");
    return acrValues != null
        && Arrays.asList(acrValues.trim().split("\\s+")).contains(AuthenticationFactors.ACR_MFA);
  }

  private boolean mustUseSecondFactor(Authentication authentication) {
    return users.find(authentication.getName()).map(factors::mustUse).orElse(false);
  }
}
