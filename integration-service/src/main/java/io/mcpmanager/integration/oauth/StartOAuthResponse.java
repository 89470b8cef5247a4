package io.mcpmanager.integration.oauth;

import java.time.Instant;

/**
 * Where to send the browser; the state in the URL is single-use and expires at {@code
 * stateExpiresAt}.
 */
public record StartOAuthResponse(String type, String authorizationUrl, Instant stateExpiresAt) {}
