package io.mcpmanager.auth.pat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A token as its owner sees it in a list: never the secret, only its last characters.
 *
 * @param unused neither used nor created within the last 30 days ({@code
 *     mcpm.auth.pats.unused-after})
 * @param usesByDay uses per UTC day, newest first, for the last 30 days
 */
record PatResponse(
    UUID id,
    String name,
    String tokenHint,
    List<String> scopes,
    List<String> allowedCidrs,
    Instant createdAt,
    Instant expiresAt,
    boolean expired,
    @Nullable Instant lastUsedAt,
    @Nullable String lastUsedIp,
    @Nullable String lastUsedUserAgent,
    boolean unused,
    List<DailyUses> usesByDay) {

  record DailyUses(LocalDate day, long uses) {}
}
