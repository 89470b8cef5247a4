package io.mcpmanager.audit.checkpoint;

import io.mcpmanager.kit.secrets.TransitSigner.PublicKeyVersion;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit/checkpoints} (admins, like verify): the signed checkpoints newest first;
 * {@code GET /api/audit/checkpoints/public-key}: the signing key's public halves as a JWK set.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class CheckpointController {

  private final Checkpoints checkpoints;
  private final CheckpointSigning signing;

  CheckpointController(Checkpoints checkpoints, CheckpointSigning signing) {
    this.checkpoints = checkpoints;
    this.signing = signing;
  }

  @GetMapping("/api/audit/checkpoints")
  CheckpointPage list(
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
      @RequestParam(name = "before_seq", required = false) @Min(1) @Nullable Long beforeSeq) {
    List<Checkpoint> page = checkpoints.page(beforeSeq, limit);
    Long next = page.size() == limit ? page.getLast().seq() : null;
    return new CheckpointPage(page.stream().map(CheckpointResponse::of).toList(), next);
  }

  @GetMapping("/api/audit/checkpoints/public-key")
  JwkSet publicKey() {
    String key = signing.keyName();
    return new JwkSet(signing.publicKeys().stream().map(v -> Jwk.of(key, v)).toList());
  }

  /**
   * @param nextBeforeSeq pass as {@code before_seq} for the next page; null on the last one
   */
  record CheckpointPage(List<CheckpointResponse> checkpoints, @Nullable Long nextBeforeSeq) {}

  record JwkSet(List<Jwk> keys) {}

  /** An ed25519 public key (RFC 8037): {@code kid} is {@code <key name>:v<version>}. */
  record Jwk(String kty, String crv, String x, String kid, String use, String alg) {

    static Jwk of(String keyName, PublicKeyVersion v) {
      return new Jwk(
          "OKP",
          "Ed25519",
          Base64.getUrlEncoder().withoutPadding().encodeToString(v.publicKey()),
          keyName + ":v" + v.version(),
          "sig",
          "EdDSA");
    }
  }
}
