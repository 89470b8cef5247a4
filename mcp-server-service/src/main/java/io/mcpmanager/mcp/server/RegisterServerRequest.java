package io.mcpmanager.mcp.server;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Registers an MCP server.
 *
 * @param url the server's Streamable HTTP endpoint
 * @param tlsCertificate optional PEM certificate (the server's own or a CA) to pin as trust anchor
 * @param serverPublicKey optional public key (PEM or JWK) the server signs broker requests with
 * @param config non-secret settings
 */
public record RegisterServerRequest(
    @NotBlank
        @Size(max = 120)
        @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters")
        String name,
    @NotBlank @Size(max = 2048) String url,
    @Size(max = 65536) @Nullable String tlsCertificate,
    @Size(max = 16384) @Nullable String serverPublicKey,
    @Nullable Map<String, Object> config) {}
