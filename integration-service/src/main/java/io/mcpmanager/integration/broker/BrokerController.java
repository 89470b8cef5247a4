package io.mcpmanager.integration.broker;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service only (never routed by the gateway); client credentials with the broker scope.
 */
@RestController
@RequestMapping("/internal/integrations/{owner}/{type}")
@PreAuthorize("hasAuthority('SCOPE_integrations.broker')")
class BrokerController {

  private final CredentialBroker broker;

  BrokerController(CredentialBroker broker) {
    this.broker = broker;
  }

  @GetMapping("/credential")
  ResponseEntity<BrokeredCredentialResponse> credential(
      @PathVariable String owner, @PathVariable String type) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .header("Pragma", "no-cache")
        .body(broker.credential(owner, type));
  }

  @GetMapping("/status")
  ResponseEntity<CredentialStatusResponse> status(
      @PathVariable String owner, @PathVariable String type) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(broker.status(owner, type));
  }
}
