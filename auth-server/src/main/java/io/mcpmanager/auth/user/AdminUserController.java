package io.mcpmanager.auth.user;

import io.mcpmanager.kit.security.RequiresRecentSecondFactor;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Account administration for role ADMIN (the security chain of /api/admin/** checks it). */
@RequiresRecentSecondFactor
@RestController
@RequestMapping("/api/admin/users")
class AdminUserController {

  private final UserAdminService service;

  AdminUserController(UserAdminService service) {
    this.service = service;
  }

  @GetMapping
  List<UserResponse> list() {
    return service.list();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  UserResponse create(@Valid @RequestBody CreateUserRequest request) {
    return service.create(request);
  }

  @PostMapping("/{id}/disable")
  UserResponse disable(@PathVariable UUID id) {
    return service.disable(id);
  }

  @PostMapping("/{id}/enable")
  UserResponse enable(@PathVariable UUID id) {
    return service.enable(id);
  }

  @PostMapping("/{id}/unlock")
  UserResponse unlock(@PathVariable UUID id) {
    return service.unlock(id);
  }
}
