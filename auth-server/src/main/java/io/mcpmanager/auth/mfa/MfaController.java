package io.mcpmanager.auth.mfa;

import io.mcpmanager.events.Actor;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequestActor;
import io.mcpmanager.kit.security.RequiresRecentSecondFactor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own TOTP second factor (bearer token of a person). */
@RestController
@RequestMapping("/api/account/mfa/totp")
class MfaController {

  private final SecondFactors factors;

  MfaController(SecondFactors factors) {
    this.factors = factors;
  }

  record ConfirmTotpRequest(@NotBlank @Size(max = 32) String code) {}

  record RecoveryCodesResponse(List<String> recoveryCodes) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  TotpEnrolment start(CurrentUser user, @AuthenticationPrincipal Jwt jwt) {
    String name = jwt.getClaimAsString("preferred_username");
    return factors.start(UUID.fromString(user.id()), name == null ? user.id() : name);
  }

  @PostMapping("/confirm")
  RecoveryCodesResponse confirm(CurrentUser user, @Valid @RequestBody ConfirmTotpRequest request) {
    return new RecoveryCodesResponse(
        factors.confirm(UUID.fromString(user.id()), request.code(), actor()));
  }

  /** Needs a second factor used within the last minutes: a stolen session cannot remove it. */
  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @RequiresRecentSecondFactor
  void disable(CurrentUser user) {
    factors.disable(UUID.fromString(user.id()), actor());
  }

  private static Actor actor() {
    return RequestActor.current("auth-server");
  }
}
