package io.mcpmanager.auth.delegation;

import io.mcpmanager.kit.security.RequiresRecentSecondFactor;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's way to a delegated token: the same exchange as {@code grant_type=token-exchange} at
 * the token endpoint, with the caller's own token as the subject. Sign-in tokens only (the security
 * chain refuses personal access tokens and delegated tokens here).
 */
@RestController
@RequestMapping("/api/account/delegations")
class DelegationController {

  private final ConsoleDelegations delegations;

  DelegationController(ConsoleDelegations delegations) {
    this.delegations = delegations;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @RequiresRecentSecondFactor
  DelegationResponse create(
      @AuthenticationPrincipal Jwt caller, @Valid @RequestBody CreateDelegationRequest request) {
    return delegations.create(caller, request);
  }
}
