package io.mcpmanager.mcp.server;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Changes a server; absent fields stay as they are. An empty {@code tls_certificate} or
 * {@code server_public_key} removes it. {@code enabled=false} makes the server inactive.
 */
public record UpdateServerRequest(
    @Size(min = 1, max = 120) @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters")
    String name,
    @Size(min = 1, max = 2048) String url,
    @Size(max = 65536) String tlsCertificate,
    @Size(max = 16384) String serverPublicKey,
    Map<String, Object> config,
    Boolean enabled) {}
