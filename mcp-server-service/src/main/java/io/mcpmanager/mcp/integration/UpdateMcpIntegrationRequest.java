package io.mcpmanager.mcp.integration;

import java.util.Map;

/** Switches an integration on or off and/or replaces its config; absent fields stay. */
public record UpdateMcpIntegrationRequest(Boolean enabled, Map<String, Object> config) {}
