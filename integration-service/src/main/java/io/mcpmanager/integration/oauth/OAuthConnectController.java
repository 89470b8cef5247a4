package io.mcpmanager.integration.oauth;

import io.mcpmanager.kit.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Connecting an OAuth integration (gmail, calendar) through the user's browser. */
@RestController
@RequestMapping("/api/integrations/{type}/oauth")
class OAuthConnectController {

  private final OAuthConnectService service;

  OAuthConnectController(OAuthConnectService service) {
    this.service = service;
  }

  @PostMapping("/start")
  @PreAuthorize("hasRole('USER')")
  StartOAuthResponse start(
      CurrentUser user,
      @PathVariable String type,
      @Valid @RequestBody(required = false) @Nullable StartOAuthRequest request) {
    return service.start(user, type, request);
  }

  /**
   * Public: the browser arrives from the provider without a bearer token; the signed state names
   * the user. Should a token come along anyway, it must name the same user.
   */
  @GetMapping("/callback")
  ResponseEntity<Void> callback(
      @AuthenticationPrincipal @Nullable Jwt caller,
      @PathVariable String type,
      @RequestParam(required = false) @Nullable String code,
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(required = false) @Nullable String error,
      HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.FOUND)
        .cacheControl(CacheControl.noStore())
        .location(
            service.callback(
                caller == null ? null : caller.getSubject(),
                type,
                code,
                state,
                error,
                request.getRemoteAddr(),
                request.getHeader("User-Agent")))
        .build();
  }
}
