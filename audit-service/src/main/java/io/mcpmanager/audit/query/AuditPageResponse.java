package io.mcpmanager.audit.query;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of events, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next (older) page; null on the last page
 */
public record AuditPageResponse(List<AuditEventResponse> items, @Nullable String nextCursor) {}
