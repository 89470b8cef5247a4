package io.mcpmanager.auth.login;

import io.mcpmanager.auth.mfa.AuthenticationFactors;
import io.mcpmanager.auth.mfa.SecondFactorException;
import io.mcpmanager.auth.mfa.SecondFactors;
import io.mcpmanager.auth.mfa.TotpEnrolment;
import io.mcpmanager.auth.user.UserDirectory;
import io.mcpmanager.auth.user.UserSummary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The second step of a sign-in: the code form, or, for a user the policy obliges to use a second
 * factor and who has none yet, the enrolment (secret, {@code otpauth://} URI, first code, then the
 * recovery codes). These are HTML pages, so a refused code is shown on the page, not as JSON.
 */
@RestController
class SecondFactorPageController {

  private final UserDirectory users;
  private final SecondFactors factors;
  private final Clock clock;
  private final HttpSessionSecurityContextRepository contexts =
      new HttpSessionSecurityContextRepository();
  private final HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();

  SecondFactorPageController(UserDirectory users, SecondFactors factors, Clock clock) {
    this.users = users;
    this.factors = factors;
    this.clock = clock;
  }

  @GetMapping(value = SecondFactorLoginFilter.PAGE, produces = MediaType.TEXT_HTML_VALUE)
  String page(
      Authentication authentication,
      CsrfToken csrf,
      @RequestParam(required = false) @Nullable String error,
      @RequestParam(required = false) @Nullable String locked) {
    UserSummary user = user(authentication);
    if (!factors.isEnrolled(user.id())) {
      return enrolmentPage(factors.start(user.id(), user.username()), csrf, null);
    }
    String notice =
        locked != null
            ? "<p role=\"alert\">Too many wrong codes: the second factor is locked for 15 minutes.</p>"
            : error != null
                ? "<p role=\"alert\">The code is wrong, expired or already used.</p>"
                : "";
    return page(
        "Second factor",
        notice
            + "<form method=\"post\" action=\""
            + SecondFactorLoginFilter.PAGE
            + "\">"
            + hidden(csrf)
            + "<label for=\"code\">Code from your authenticator app, or a recovery code</label>"
            + "<input id=\"code\" name=\"code\" autocomplete=\"one-time-code\" autofocus required>"
            + "<button type=\"submit\">Verify</button></form>");
  }

  /**
   * Confirms an enrolment made during sign-in; the code just proved the second factor, so the
   * session gets it and the recovery codes are shown once, with the way back to the saved request.
   */
  @PostMapping(
      value = SecondFactorLoginFilter.PAGE + "/enrol",
      produces = MediaType.TEXT_HTML_VALUE)
  String enrol(
      Authentication authentication,
      CsrfToken csrf,
      @RequestParam String code,
      HttpServletRequest request,
      HttpServletResponse response) {
    UserSummary user = user(authentication);
    List<String> recoveryCodes;
    try {
      recoveryCodes = factors.confirm(user.id(), code, BrowserActor.user(user.id()));
    } catch (SecondFactorException refused) {
      // An HTML form: show the refusal on a fresh enrolment page rather than as problem+json.
      return enrolmentPage(factors.start(user.id(), user.username()), csrf, refused.detail());
    }
    addSecondFactor(authentication, request, response);
    SavedRequest saved = savedRequests.getRequest(request, response);
    String next = saved == null ? "/" : saved.getRedirectUrl();
    StringBuilder list = new StringBuilder("<ul>");
    recoveryCodes.forEach(
        c -> list.append("<li><code>").append(HtmlUtils.htmlEscape(c)).append("</code></li>"));
    return page(
        "Recovery codes",
        "<p>Keep these codes somewhere safe. Each works once if you lose your authenticator.</p>"
            + list
            + "</ul><a href=\""
            + HtmlUtils.htmlEscape(next)
            + "\">Continue</a>");
  }

  private void addSecondFactor(
      Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
    List<GrantedAuthority> authorities = new ArrayList<>(authentication.getAuthorities());
    authorities.add(AuthenticationFactors.otp(clock.instant()));
    UsernamePasswordAuthenticationToken upgraded =
        UsernamePasswordAuthenticationToken.authenticated(
            Objects.requireNonNull(authentication.getPrincipal()), null, authorities);
    upgraded.setDetails(authentication.getDetails());
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(upgraded);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
  }

  private UserSummary user(Authentication authentication) {
    return users
        .find(authentication.getName())
        .orElseThrow(() -> new IllegalStateException("signed-in user without an account"));
  }

  private static String enrolmentPage(
      TotpEnrolment enrolment, CsrfToken csrf, @Nullable String refusal) {
    return page(
        "Set up a second factor",
        (refusal == null
                ? ""
                : "<p role=\"alert\">" + HtmlUtils.htmlEscape(refusal) + ". Start again.</p>")
            + "<p>Your account needs a second factor. Add this key to an authenticator app:</p>"
            + "<p><code id=\"secret\">"
            + HtmlUtils.htmlEscape(enrolment.secret())
            + "</code></p><p><a id=\"otpauth\" href=\""
            + HtmlUtils.htmlEscape(enrolment.otpauthUri())
            + "\">Open in an authenticator app</a></p>"
            + "<form method=\"post\" action=\""
            + SecondFactorLoginFilter.PAGE
            + "/enrol\">"
            + hidden(csrf)
            + "<label for=\"code\">Code shown by the app</label>"
            + "<input id=\"code\" name=\"code\" autocomplete=\"one-time-code\" required>"
            + "<button type=\"submit\">Confirm</button></form>");
  }

  private static String hidden(CsrfToken csrf) {
    return "<input type=\"hidden\" name=\""
        + HtmlUtils.htmlEscape(csrf.getParameterName())
        + "\" value=\""
        + HtmlUtils.htmlEscape(csrf.getToken())
        + "\">";
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
        + HtmlUtils.htmlEscape(title)
        + "</title></head><body><h1>"
        + HtmlUtils.htmlEscape(title)
        + "</h1>"
        + body
        + "</body></html>";
  }
}
