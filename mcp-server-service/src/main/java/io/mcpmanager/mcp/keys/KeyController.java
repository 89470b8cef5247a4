package io.mcpmanager.mcp.keys;

import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequiresRecentSecondFactor;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public keys of the manager per server, and their rotation. */
@RestController
@RequestMapping("/api/mcp/servers/{id}")
class KeyController {

  static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

  private final KeyService keys;

  KeyController(KeyService keys) {
    this.keys = keys;
  }

  @GetMapping("/jwks")
  ResponseEntity<Map<String, Object>> jwks(CurrentUser user, @PathVariable UUID id) {
    return ResponseEntity.ok().contentType(JWK_SET).body(keys.jwks(user, id));
  }

  /** Public (no token): MCP servers fetch it to verify the manager's JWTs. */
  @GetMapping("/.well-known/jwks.json")
  @SecurityRequirements
  ResponseEntity<Map<String, Object>> publicJwks(@PathVariable UUID id) {
    return ResponseEntity.ok()
        .contentType(JWK_SET)
        .cacheControl(CacheControl.noCache())
        .body(keys.publicJwks(id));
  }

  @RequiresRecentSecondFactor
  @PostMapping("/keys/rotate")
  KeyStateResponse rotate(CurrentUser user, @PathVariable UUID id) {
    return keys.rotate(user, id);
  }
}
