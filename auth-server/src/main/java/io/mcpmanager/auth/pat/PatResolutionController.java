package io.mcpmanager.auth.pat;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's side of personal access tokens (scope {@code pats.resolve}, checked by the security
 * chain; {@code /internal/**} is never routed publicly).
 */
@RestController
@RequestMapping("/internal/pats")
class PatResolutionController {

  private final PersonalAccessTokenService service;

  PatResolutionController(PersonalAccessTokenService service) {
    this.service = service;
  }

  @PostMapping("/resolve")
  ResolvedPatResponse resolve(@Valid @RequestBody ResolvePatRequest request) {
    return service.resolve(request.token());
  }

  @PostMapping("/usage")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void usage(@Valid @RequestBody PatUsageReport report) {
    service.recordUsage(report);
  }
}
