package io.mcpmanager.auth.login;

import io.mcpmanager.events.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The signing-in user as the actor of an event, with the browser's address and user agent. */
final class BrowserActor {

  private static final int MAX_USER_AGENT = 256;

  private BrowserActor() {}

  static Actor user(UUID userId) {
    HttpServletRequest request =
        RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
            ? attributes.getRequest()
            : null;
    return Actor.user(
        userId.toString(),
        request == null ? null : request.getRemoteAddr(),
        request == null ? null : truncate(request.getHeader("User-Agent")));
  }

  private static @Nullable String truncate(@Nullable String agent) {
    return agent == null || agent.length() <= MAX_USER_AGENT
        ? agent
        : agent.substring(0, MAX_USER_AGENT);
  }
}
