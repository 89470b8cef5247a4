package io.mcpmanager.git.oauth;

import io.mcpmanager.kit.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/git/{provider}/oauth")
class GitOAuthController {

  private final GitOAuthService service;

  GitOAuthController(GitOAuthService service) {
    this.service = service;
  }

  @PostMapping("/start")
  StartOAuthResponse start(
      CurrentUser user,
      @PathVariable String provider,
      @Valid @RequestBody(required = false) @Nullable StartOAuthRequest request) {
    return service.start(user, provider, request);
  }

  /**
   * Public: the browser arrives from the provider without a bearer token; the signed state names
   * the user.
   */
  @GetMapping("/callback")
  ResponseEntity<Void> callback(
      @PathVariable String provider,
      @RequestParam(required = false) @Nullable String code,
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(required = false) @Nullable String error,
      HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.FOUND)
        .cacheControl(CacheControl.noStore())
        .location(
            service.callback(
                provider,
                code,
                state,
                error,
                request.getRemoteAddr(),
                request.getHeader("User-Agent")))
        .build();
  }
}
