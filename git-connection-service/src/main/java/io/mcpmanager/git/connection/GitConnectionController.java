package io.mcpmanager.git.connection;

import io.mcpmanager.kit.security.CurrentUser;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/git")
class GitConnectionController {

  private final GitConnectionService service;
  private final AccessTokens tokens;

  GitConnectionController(GitConnectionService service, AccessTokens tokens) {
    this.service = service;
    this.tokens = tokens;
  }

  @GetMapping("/connections")
  List<GitConnectionResponse> all(CurrentUser user) {
    return service.list(user);
  }

  @GetMapping("/{provider}/connections")
  List<GitConnectionResponse> byProvider(CurrentUser user, @PathVariable String provider) {
    return service.list(user, provider);
  }

  @GetMapping("/{provider}/connections/{id}")
  GitConnectionResponse one(
      CurrentUser user, @PathVariable String provider, @PathVariable UUID id) {
    return service.get(user, provider, id);
  }

  @PostMapping("/{provider}/connections/{id}/refresh")
  GitConnectionResponse refresh(
      CurrentUser user, @PathVariable String provider, @PathVariable UUID id) {
    return tokens.refreshNow(user, provider, id);
  }
}
