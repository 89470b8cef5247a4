package io.mcpmanager.git.oauth;

import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequiresRecentSecondFactor;
import io.mcpmanager.oauth.BrowserBinding;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.WebUtils;

@RestController
@RequestMapping("/api/git/{provider}/oauth")
class GitOAuthController {

  private final GitOAuthService service;

  GitOAuthController(GitOAuthService service) {
    this.service = service;
  }

  /** Sets the cookie that binds the connect to this browser (see {@link BrowserBinding}). */
  @RequiresRecentSecondFactor
  @PostMapping("/start")
  ResponseEntity<StartOAuthResponse> start(
      CurrentUser user,
      @PathVariable @Pattern(regexp = BrowserBinding.PROVIDER_ID) String provider,
      @Valid @RequestBody(required = false) @Nullable StartOAuthRequest request) {
    GitOAuthService.StartedConnect started = service.start(user, provider, request);
    return ResponseEntity.ok()
        .header(
            HttpHeaders.SET_COOKIE,
            BrowserBinding.cookie(provider, started.state(), started.lifetime()).toString())
        .body(started.response());
  }

  /**
   * Public: the browser arrives from the provider without a bearer token; the signed state names
   * the user, and the browser's binding cookie shows it is the browser that started the connect.
   */
  @GetMapping("/callback")
  @ApiResponse(
      responseCode = "302",
      description =
          "Back to the console, the outcome in the query (connected=, account= or error=)",
      headers = @Header(name = "Location", description = "The console's page for the outcome"))
  ResponseEntity<Void> callback(
      @PathVariable @Pattern(regexp = BrowserBinding.PROVIDER_ID) String provider,
      @RequestParam(required = false) @Nullable String code,
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(required = false) @Nullable String error,
      HttpServletRequest request) {
    Cookie binding = WebUtils.getCookie(request, BrowserBinding.cookieName(provider));
    return ResponseEntity.status(HttpStatus.FOUND)
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.SET_COOKIE, BrowserBinding.clearing(provider).toString())
        .location(
            service.callback(
                provider,
                code,
                state,
                error,
                binding == null ? null : binding.getValue(),
                request.getRemoteAddr(),
                request.getHeader("User-Agent")))
        .build();
  }
}
