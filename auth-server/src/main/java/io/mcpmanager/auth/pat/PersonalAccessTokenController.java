package io.mcpmanager.auth.pat;

import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequiresRecentSecondFactor;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own personal access tokens. Sign-in tokens only: the security chain refuses personal
 * access tokens and service tokens here.
 */
@RestController
@RequestMapping("/api/account/tokens")
class PersonalAccessTokenController {

  private final PersonalAccessTokenService service;

  PersonalAccessTokenController(PersonalAccessTokenService service) {
    this.service = service;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @RequiresRecentSecondFactor
  CreatedPatResponse create(CurrentUser caller, @Valid @RequestBody CreatePatRequest request) {
    return service.create(caller, request);
  }

  @GetMapping
  List<PatResponse> list(CurrentUser caller) {
    return service.list(caller);
  }

  @PostMapping("/{id}/regenerate")
  @RequiresRecentSecondFactor
  CreatedPatResponse regenerate(CurrentUser caller, @PathVariable UUID id) {
    return service.regenerate(caller, id);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(CurrentUser caller, @PathVariable UUID id) {
    service.revoke(caller, id);
  }
}
