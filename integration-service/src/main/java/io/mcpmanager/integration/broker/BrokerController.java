package io.mcpmanager.integration.broker;

import io.mcpmanager.kit.assertion.CallerAssertion;
import io.mcpmanager.kit.assertion.CallerAssertionVerifier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service only (never routed by the gateway): client credentials with the broker scope
 * naming this service, and for each call mcp-server-service's caller assertion for this owner and
 * integration type (header {@value CallerAssertionVerifier#HEADER}); without one, 403.
 */
@RestController
@RequestMapping("/internal/integrations/{owner}/{type}")
@PreAuthorize("hasAuthority('SCOPE_integrations.broker')")
class BrokerController {

  private final CredentialBroker broker;
  private final CallerAssertionVerifier assertions;

  BrokerController(CredentialBroker broker, CallerAssertionVerifier assertions) {
    this.broker = broker;
    this.assertions = assertions;
  }

  @GetMapping("/credential")
  ResponseEntity<BrokeredCredentialResponse> credential(
      @PathVariable String owner,
      @PathVariable String type,
      @RequestHeader(name = CallerAssertionVerifier.HEADER, required = false)
          @Nullable String assertion) {
    assertions.verify(assertion, owner, CallerAssertion.integrationLink(type));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .header("Pragma", "no-cache")
        .body(broker.credential(owner, type));
  }

  @GetMapping("/status")
  ResponseEntity<CredentialStatusResponse> status(
      @PathVariable String owner,
      @PathVariable String type,
      @RequestHeader(name = CallerAssertionVerifier.HEADER, required = false)
          @Nullable String assertion) {
    assertions.verify(assertion, owner, CallerAssertion.integrationLink(type));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(broker.status(owner, type));
  }
}
