package io.mcpmanager.git.oauth;

import java.time.Instant;
import java.util.List;

public record StartOAuthResponse(
    String provider, String authorizationUrl, List<String> scopes, Instant stateExpiresAt) {}
