package io.mcpmanager.integration.account;

import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequiresRecentSecondFactor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The user's integrations (through the gateway); every object is checked for ownership. */
@RestController
@RequestMapping("/api/integrations")
@PreAuthorize("hasRole('USER')")
class IntegrationAccountController {

  private final IntegrationAccountService service;

  IntegrationAccountController(IntegrationAccountService service) {
    this.service = service;
  }

  @GetMapping
  PageResponse<IntegrationAccountResponse> list(
      CurrentUser user,
      @RequestParam(required = false) @Nullable String type,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return service.list(user, type, status, page, size);
  }

  @RequiresRecentSecondFactor
  @PostMapping
  ResponseEntity<IntegrationAccountResponse> create(
      CurrentUser user, @Valid @RequestBody CreateIntegrationRequest request) {
    IntegrationAccountResponse created = service.create(user, request);
    return ResponseEntity.created(URI.create("/api/integrations/" + created.id())).body(created);
  }

  @GetMapping("/{id}")
  IntegrationAccountResponse get(CurrentUser user, @PathVariable UUID id) {
    return service.get(user, id);
  }

  @RequiresRecentSecondFactor
  @PutMapping("/{id}")
  IntegrationAccountResponse update(
      CurrentUser user,
      @PathVariable UUID id,
      @Valid @RequestBody UpdateIntegrationRequest request) {
    return service.update(user, id, request);
  }

  @RequiresRecentSecondFactor
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(CurrentUser user, @PathVariable UUID id) {
    service.delete(user, id);
  }

  @PostMapping("/{id}/validate")
  ValidationResponse validate(CurrentUser user, @PathVariable UUID id) {
    return service.validate(user, id);
  }

  @PostMapping("/validate")
  ValidationResponse test(CurrentUser user, @Valid @RequestBody TestCredentialRequest request) {
    return service.test(user, request);
  }

  @RequiresRecentSecondFactor
  @PostMapping("/{id}/rollback")
  IntegrationAccountResponse rollback(CurrentUser user, @PathVariable UUID id) {
    return service.rollback(user, id);
  }
}
