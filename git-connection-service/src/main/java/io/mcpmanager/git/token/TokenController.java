package io.mcpmanager.git.token;

import io.mcpmanager.git.connection.GitConnectionResponse;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TokenController {

  private final TokenBroker broker;

  TokenController(TokenBroker broker) {
    this.broker = broker;
  }

  @GetMapping("/internal/git/connections/{id}/token")
  @PreAuthorize("hasAuthority('SCOPE_git.broker')")
  ResponseEntity<BrokeredTokenResponse> token(@PathVariable UUID id, @RequestParam String owner) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .header("Pragma", "no-cache")
        .body(broker.token(id, owner));
  }

  @GetMapping("/internal/git/connections/{id}/status")
  @PreAuthorize("hasAuthority('SCOPE_git.broker')")
  GitConnectionResponse status(@PathVariable UUID id, @RequestParam String owner) {
    return broker.status(id, owner);
  }
}
