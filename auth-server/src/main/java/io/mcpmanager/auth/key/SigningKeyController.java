package io.mcpmanager.auth.key;

import io.mcpmanager.kit.security.RequiresRecentSecondFactor;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Signing key administration (role ADMIN): list keys, rotate without logging anyone out. */
@RequiresRecentSecondFactor
@RestController
@RequestMapping("/api/admin/keys")
class SigningKeyController {

  private final SigningKeys keys;

  SigningKeyController(SigningKeys keys) {
    this.keys = keys;
  }

  @GetMapping
  List<SigningKeyResponse> list() {
    return keys.list();
  }

  @PostMapping("/rotate")
  SigningKeyResponse rotate() {
    return keys.rotate();
  }
}
