package io.mcpmanager.mcp.server;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Changes a server; absent fields stay as they are. An empty {@code tls_certificate} or {@code
 * server_public_key} removes it. {@code enabled=false} makes the server inactive.
 */
public record UpdateServerRequest(
    @Size(min = 1, max = 120)
        @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters")
        @Nullable String name,
    @Size(min = 1, max = 2048) @Nullable String url,
    @Size(max = 65536) @Nullable String tlsCertificate,
    @Size(max = 16384) @Nullable String serverPublicKey,
    @Nullable Map<String, Object> config,
    @Nullable Boolean enabled) {}
