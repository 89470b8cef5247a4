package io.mcpmanager.mcp.server;

import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequiresRecentSecondFactor;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/mcp/servers")
class McpServerController {

  private final McpServerService service;

  McpServerController(McpServerService service) {
    this.service = service;
  }

  @GetMapping
  PageResponse<McpServerResponse> list(
      CurrentUser user,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return service.list(
        user, PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt")));
  }

  @PostMapping
  ResponseEntity<McpServerResponse> register(
      CurrentUser user, @Valid @RequestBody RegisterServerRequest request) {
    McpServerResponse server = service.register(user, request);
    return ResponseEntity.created(URI.create("/api/mcp/servers/" + server.id())).body(server);
  }

  @GetMapping("/{id}")
  McpServerResponse get(CurrentUser user, @PathVariable UUID id) {
    return service.get(user, id);
  }

  @RequiresRecentSecondFactor
  @PutMapping("/{id}")
  McpServerResponse update(
      CurrentUser user, @PathVariable UUID id, @Valid @RequestBody UpdateServerRequest request) {
    return service.update(user, id, request);
  }

  @DeleteMapping("/{id}")
  @ApiResponse(responseCode = "204", description = "Deleted")
  ResponseEntity<Void> delete(CurrentUser user, @PathVariable UUID id) {
    service.delete(user, id);
    return ResponseEntity.noContent().build();
  }
}
