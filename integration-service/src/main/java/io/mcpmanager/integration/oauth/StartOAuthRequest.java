package io.mcpmanager.integration.oauth;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Optional body of {@code POST /api/integrations/{type}/oauth/start}. */
public record StartOAuthRequest(@Size(max = 2048) @Nullable String returnUrl) {}
