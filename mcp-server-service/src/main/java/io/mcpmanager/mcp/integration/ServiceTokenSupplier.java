package io.mcpmanager.mcp.integration;

import java.util.function.Supplier;

/**
 * A client-credentials access token of this service (scopes {@code integrations.broker git.broker})
 * for calling other services' internal APIs.
 */
@FunctionalInterface
public interface ServiceTokenSupplier extends Supplier<String> {}
