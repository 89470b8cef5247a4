package io.mcpmanager.integration.oauth;

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
import org.springframework.web.util.WebUtils;

/** Connecting an OAuth integration (gmail, calendar) through the user's browser. */
@RestController
@RequestMapping("/api/integrations/{type}/oauth")
class OAuthConnectController {

  private final OAuthConnectService service;

  OAuthConnectController(OAuthConnectService service) {
    this.service = service;
  }

  @RequiresRecentSecondFactor
  @PostMapping("/start")
  @PreAuthorize("hasRole('USER')")
  ResponseEntity<StartOAuthResponse> start(
      CurrentUser user,
      @PathVariable @Pattern(regexp = BrowserBinding.PROVIDER_ID) String type,
      @Valid @RequestBody(required = false) @Nullable StartOAuthRequest request) {
    OAuthConnectService.StartedConnect started = service.start(user, type, request);
    return ResponseEntity.ok()
        .header(
            HttpHeaders.SET_COOKIE,
            BrowserBinding.cookie(type, started.state(), started.lifetime()).toString())
        .body(started.response());
  }

  /**
   * Public: the browser arrives from the provider without a bearer token; the signed state names
   * the user, and the browser's binding cookie shows it is the browser that started the connect.
   * Should a token come along anyway, it must name the same user.
   */
  @GetMapping("/callback")
  @ApiResponse(
      responseCode = "302",
      description =
          "Back to the console, the outcome in the query (connected=, account= or error=)",
      headers = @Header(name = "Location", description = "The console's page for the outcome"))
  ResponseEntity<Void> callback(
      @AuthenticationPrincipal @Nullable Jwt caller,
      @PathVariable @Pattern(regexp = BrowserBinding.PROVIDER_ID) String type,
      @RequestParam(required = false) @Nullable String code,
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(required = false) @Nullable String error,
      HttpServletRequest request) {
    Cookie binding = WebUtils.getCookie(request, BrowserBinding.cookieName(type));
    return ResponseEntity.status(HttpStatus.FOUND)
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.SET_COOKIE, BrowserBinding.clearing(type).toString())
        .location(
            service.callback(
                caller == null ? null : caller.getSubject(),
                type,
                code,
                state,
                error,
                binding == null ? null : binding.getValue(),
                request.getRemoteAddr(),
                request.getHeader("User-Agent")))
        .build();
  }
}
