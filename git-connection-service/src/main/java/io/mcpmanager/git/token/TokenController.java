package io.mcpmanager.git.token;

import io.mcpmanager.git.connection.GitConnectionResponse;
import io.mcpmanager.kit.assertion.CallerAssertion;
import io.mcpmanager.kit.assertion.CallerAssertionVerifier;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service only (never routed by the gateway): client credentials with the broker scope
 * naming this service, and for each call mcp-server-service's caller assertion for this owner and
 * connection (header {@value CallerAssertionVerifier#HEADER}); without one, 403.
 */
@RestController
class TokenController {

  private final TokenBroker broker;
  private final CallerAssertionVerifier assertions;

  TokenController(TokenBroker broker, CallerAssertionVerifier assertions) {
    this.broker = broker;
    this.assertions = assertions;
  }

  @GetMapping("/internal/git/connections/{id}/token")
  @PreAuthorize("hasAuthority('SCOPE_git.broker')")
  ResponseEntity<BrokeredTokenResponse> token(
      @PathVariable UUID id,
      @RequestParam String owner,
      @RequestHeader(name = CallerAssertionVerifier.HEADER, required = false)
          @Nullable String assertion) {
    assertions.verify(assertion, owner, CallerAssertion.gitLink(id.toString()));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .header("Pragma", "no-cache")
        .body(broker.token(id, owner));
  }

  @GetMapping("/internal/git/connections/{id}/status")
  @PreAuthorize("hasAuthority('SCOPE_git.broker')")
  GitConnectionResponse status(
      @PathVariable UUID id,
      @RequestParam String owner,
      @RequestHeader(name = CallerAssertionVerifier.HEADER, required = false)
          @Nullable String assertion) {
    assertions.verify(assertion, owner, CallerAssertion.gitLink(id.toString()));
    return broker.status(id, owner);
  }
}
