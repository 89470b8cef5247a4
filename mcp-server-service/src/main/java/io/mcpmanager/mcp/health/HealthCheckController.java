package io.mcpmanager.mcp.health;

import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.mcp.health.HealthCheckService.CheckResponse;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HealthCheckController {

  private final HealthCheckService checks;

  HealthCheckController(HealthCheckService checks) {
    this.checks = checks;
  }

  @PostMapping("/api/mcp/servers/{id}/check")
  CheckResponse check(CurrentUser user, @PathVariable UUID id) {
    return checks.check(user, id);
  }
}
