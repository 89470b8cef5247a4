package io.mcpmanager.audit.verify;

import io.mcpmanager.audit.query.InvalidAuditQueryException;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit/verify} (admins): recomputes the chain over a seq range ({@code from_seq},
 * {@code to_seq}, inclusive) or a range of received times ({@code from}, {@code to}); with neither,
 * the whole chain.
 */
@RestController
class VerifyController {

  private final ChainVerifier verifier;

  VerifyController(ChainVerifier verifier) {
    this.verifier = verifier;
  }

  @GetMapping("/api/audit/verify")
  @PreAuthorize("hasRole('ADMIN')")
  VerificationReport verify(
      @RequestParam(name = "from_seq", required = false) @Min(1) @Nullable Long fromSeq,
      @RequestParam(name = "to_seq", required = false) @Min(1) @Nullable Long toSeq,
      @RequestParam(required = false) @Nullable Instant from,
      @RequestParam(required = false) @Nullable Instant to) {
    boolean bySeq = fromSeq != null || toSeq != null;
    if (bySeq && (from != null || to != null)) {
      throw InvalidAuditQueryException.forParameter(
          "from", "give a seq range or a time range, not both");
    }
    if (fromSeq != null && toSeq != null && fromSeq > toSeq) {
      throw InvalidAuditQueryException.forParameter("from_seq", "must not be after 'to_seq'");
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw InvalidAuditQueryException.forParameter("from", "must not be after 'to'");
    }
    return bySeq || (from == null && to == null)
        ? verifier.verifySeqs(fromSeq, toSeq)
        : verifier.verifyReceived(from, to);
  }
}
