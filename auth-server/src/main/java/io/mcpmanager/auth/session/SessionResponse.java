package io.mcpmanager.auth.session;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One session as its user sees it.
 *
 * @param id the session id, also the {@code sid} claim of its tokens
 * @param kind {@code browser} (the console's sign-in), {@code cli} (device flow), {@code
 *     mcp_client} (another client's authorization code grant) or {@code other}
 * @param userAgent and {@code ip}: of the client that started the sign-in; absent for sessions
 *     older than this list
 * @param lastSeenAt the last time a token was issued for it (sign-in or refresh)
 * @param expiresAt when it ends unless refreshed: its refresh token's expiry (or its access token's
 *     when it has none)
 * @param current the session of the token that asked
 */
record SessionResponse(
    String id,
    String kind,
    String clientId,
    @Nullable String userAgent,
    @Nullable String ip,
    Instant createdAt,
    Instant lastSeenAt,
    Instant expiresAt,
    boolean current) {}
