package io.mcpmanager.mcp.integration;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Switches an integration on or off and/or replaces its config; absent fields stay. */
public record UpdateMcpIntegrationRequest(
    @Nullable Boolean enabled, @Nullable Map<String, Object> config) {}
