package io.mcpmanager.git.repos;

import io.mcpmanager.kit.security.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/git/{provider}/repos")
class GitRepositoryController {

  private final RepositorySyncService service;

  GitRepositoryController(RepositorySyncService service) {
    this.service = service;
  }

  @GetMapping
  RepositoryPageResponse list(
      CurrentUser user,
      @PathVariable String provider,
      @RequestParam(name = "connection_id", required = false) @Nullable UUID connectionId,
      @RequestParam(name = "q", required = false) @Nullable String query,
      @RequestParam(required = false) @Pattern(regexp = "public|private|internal")
          @Nullable String visibility,
      @RequestParam(required = false) @Nullable Boolean archived,
      @RequestParam(name = "include_removed", defaultValue = "false") boolean includeRemoved,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size) {
    return service.list(
        user, provider, connectionId, query, visibility, archived, includeRemoved, page, size);
  }

  @PostMapping("/sync")
  @ResponseStatus(HttpStatus.ACCEPTED)
  List<RepositorySyncResponse> sync(
      CurrentUser user,
      @PathVariable String provider,
      @RequestParam(name = "connection_id", required = false) @Nullable UUID connectionId) {
    return service.start(user, provider, connectionId);
  }

  @GetMapping("/sync/{id}")
  RepositorySyncResponse syncStatus(
      CurrentUser user, @PathVariable String provider, @PathVariable UUID id) {
    return service.get(user, provider, id);
  }
}
