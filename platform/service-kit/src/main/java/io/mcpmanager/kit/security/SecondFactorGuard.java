package io.mcpmanager.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies {@link RecentSecondFactor} to handlers marked {@link RequiresRecentSecondFactor}, before
 * they run, and answers a refusal with the RFC 9470 challenge.
 */
public class SecondFactorGuard implements HandlerInterceptor {

  private final RecentSecondFactor rule;
  private final ProblemSecurityHandlers handlers;

  public SecondFactorGuard(RecentSecondFactor rule, ProblemSecurityHandlers handlers) {
    this.rule = rule;
    this.handlers = handlers;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    if (!(handler instanceof HandlerMethod method) || !sensitive(method)) {
      return true;
    }
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
      return true; // the filter chain already decided who may reach the handler
    }
    Optional<String> refusal = rule.refusal(jwt);
    if (refusal.isEmpty()) {
      return true;
    }
    handlers.stepUpRequired(response, refusal.get(), rule.maxAge());
    return false;
  }

  private static boolean sensitive(HandlerMethod method) {
    return method.hasMethodAnnotation(RequiresRecentSecondFactor.class)
        || AnnotatedElementUtils.hasAnnotation(
            method.getBeanType(), RequiresRecentSecondFactor.class);
  }
}
