package io.mcpmanager.kit.security;

import io.mcpmanager.events.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The actor of the current request for events: user or service, with client IP and user agent. */
public final class RequestActor {

  private static final int MAX_USER_AGENT = 256;

  private RequestActor() {}

  /** The caller of the current request, or {@code Actor.system(fallback)} outside a request. */
  public static Actor current(String fallback) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication != null && authentication.getPrincipal() instanceof Jwt jwt)) {
      return Actor.system(fallback);
    }
    CurrentUser user = CurrentUser.from(jwt);
    HttpServletRequest request = request();
    String ip = request == null ? null : request.getRemoteAddr();
    String agent = request == null ? null : truncate(request.getHeader("User-Agent"));
    return new Actor(user.isService() ? Actor.Kind.SERVICE : Actor.Kind.USER, user.id(), ip, agent);
  }

  private static @Nullable HttpServletRequest request() {
    return RequestContextHolder.getRequestAttributes()
            instanceof ServletRequestAttributes attributes
        ? attributes.getRequest()
        : null;
  }

  private static @Nullable String truncate(@Nullable String value) {
    return value == null || value.length() <= MAX_USER_AGENT
        ? value
        : value.substring(0, MAX_USER_AGENT);
  }
}
