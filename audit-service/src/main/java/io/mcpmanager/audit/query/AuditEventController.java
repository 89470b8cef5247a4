package io.mcpmanager.audit.query;

import io.mcpmanager.kit.security.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The audit trail behind the gateway: events (own or, for admins, all), export and stats. */
@RestController
@RequestMapping("/api/audit")
class AuditEventController {

  private final AuditQueryService queries;
  private final AuditExporter exporter;

  AuditEventController(AuditQueryService queries, AuditExporter exporter) {
    this.queries = queries;
    this.exporter = exporter;
  }

  @GetMapping("/events")
  AuditPageResponse events(
      CurrentUser caller,
      AuditEventQuery query,
      @RequestParam(defaultValue = "" + AuditQueryService.DEFAULT_PAGE_SIZE)
          @Min(1)
          @Max(AuditQueryService.MAX_PAGE_SIZE)
          int limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return queries.page(caller, query, limit, cursor);
  }

  @GetMapping("/events/{id}")
  AuditEventResponse event(CurrentUser caller, @PathVariable UUID id) {
    return queries.event(caller, id);
  }

  @GetMapping("/stats")
  AuditStatsResponse stats(CurrentUser caller, AuditEventQuery query) {
    return queries.stats(caller, query);
  }

  @GetMapping("/export")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<StreamingResponseBody> export(
      AuditEventQuery query, @RequestParam(defaultValue = "jsonl") String format) {
    AuditExporter.Format chosen = AuditExporter.Format.named(format);
    var filter = query.toFilter();
    return ResponseEntity.ok()
        .contentType(chosen.mediaType)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("audit-events." + chosen.extension)
                .build()
                .toString())
        .body(out -> exporter.export(filter, chosen, out));
  }
}
