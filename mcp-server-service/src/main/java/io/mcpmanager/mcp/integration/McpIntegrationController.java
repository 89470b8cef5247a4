package io.mcpmanager.mcp.integration;

import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequiresRecentSecondFactor;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/mcp/servers/{serverId}/integrations")
class McpIntegrationController {

  private final McpIntegrationService service;

  McpIntegrationController(McpIntegrationService service) {
    this.service = service;
  }

  @GetMapping
  List<McpIntegrationResponse> list(CurrentUser user, @PathVariable UUID serverId) {
    return service.list(user, serverId);
  }

  @RequiresRecentSecondFactor
  @PostMapping
  ResponseEntity<McpIntegrationResponse> create(
      CurrentUser user,
      @PathVariable UUID serverId,
      @Valid @RequestBody CreateMcpIntegrationRequest request) {
    McpIntegrationResponse created = service.create(user, serverId, request);
    return ResponseEntity.created(
            URI.create("/api/mcp/servers/" + serverId + "/integrations/" + created.id()))
        .body(created);
  }

  @RequiresRecentSecondFactor
  @PutMapping("/{id}")
  McpIntegrationResponse update(
      CurrentUser user,
      @PathVariable UUID serverId,
      @PathVariable UUID id,
      @Valid @RequestBody UpdateMcpIntegrationRequest request) {
    return service.update(user, serverId, id, request);
  }

  @PostMapping("/{id}/verify")
  McpIntegrationResponse verify(
      CurrentUser user, @PathVariable UUID serverId, @PathVariable UUID id) {
    return service.verify(user, serverId, id);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(
      CurrentUser user, @PathVariable UUID serverId, @PathVariable UUID id) {
    service.delete(user, serverId, id);
    return ResponseEntity.noContent().build();
  }
}
