package io.mcpmanager.git.revocation;

import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequiresRecentSecondFactor;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RequiresRecentSecondFactor
@RestController
@RequestMapping("/api/git/{provider}")
class DisconnectController {

  private final Disconnects disconnects;

  DisconnectController(Disconnects disconnects) {
    this.disconnects = disconnects;
  }

  @DeleteMapping("/connections/{id}")
  DisconnectResponse disconnect(
      CurrentUser user, @PathVariable String provider, @PathVariable UUID id) {
    return disconnects.disconnect(user, provider, id);
  }

  @DeleteMapping("/disconnect")
  DisconnectResponse disconnectSingle(
      CurrentUser user,
      @PathVariable String provider,
      @RequestParam(name = "connection_id", required = false) @Nullable UUID connectionId) {
    return disconnects.disconnectSingle(user, provider, connectionId);
  }
}
