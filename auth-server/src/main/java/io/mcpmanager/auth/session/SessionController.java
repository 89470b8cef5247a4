package io.mcpmanager.auth.session;

import io.mcpmanager.kit.security.CurrentUser;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own sessions. Sign-in tokens only (the security chain refuses personal access tokens and
 * service tokens here). Ending one's own sessions never needs a recent second factor: signing out a
 * stolen device must always work.
 */
@RestController
@RequestMapping("/api/account/sessions")
class SessionController {

  private final SessionService service;

  SessionController(SessionService service) {
    this.service = service;
  }

  @GetMapping
  List<SessionResponse> list(CurrentUser caller, @AuthenticationPrincipal Jwt token) {
    return service.list(caller, SessionService.sessionOf(token));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(CurrentUser caller, @PathVariable String id) {
    service.revoke(caller, id);
  }

  /**
   * Sign out everywhere: every session, the caller's own included, unless {@code
   * except_current=true} keeps the one that asks.
   */
  @DeleteMapping
  RevokedSessionsResponse revokeAll(
      CurrentUser caller,
      @AuthenticationPrincipal Jwt token,
      @RequestParam(name = "except_current", defaultValue = "false") boolean exceptCurrent) {
    return service.revokeAll(caller, exceptCurrent ? SessionService.sessionOf(token) : null);
  }
}
