package io.mcpmanager.kit.outbound;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The outbound guard ({@code mcpm.outbound.*}). The defaults are a deployment's: https only, every
 * internal range refused. Tests and the local stack (WireMock and test MCP servers on 127.0.0.1)
 * opt in to http and loopback explicitly; nothing ever re-admits a cloud metadata address.
 *
 * @param allowHttp accept {@code http://} URLs (local stack and tests only)
 * @param allowLoopback accept 127.0.0.0/8 and ::1 (local stack and tests only)
 * @param allowedCidrs otherwise refused ranges an operator re-admits, e.g. a self-hosted network
 * @param maxBodySize the default cap on a response body (validation calls); callers may pass more
 * @param connectTimeout how long a connection may take to open
 * @param readTimeout how long the peer may stay silent
 */
@ConfigurationProperties("mcpm.outbound")
public record OutboundProperties(
    @DefaultValue("false") boolean allowHttp,
    @DefaultValue("false") boolean allowLoopback,
    @DefaultValue List<String> allowedCidrs,
    @DefaultValue("64KB") DataSize maxBodySize,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout) {

  /** The deployment defaults. */
  public static OutboundProperties defaults() {
    return new OutboundProperties(
        false,
        false,
        List.of(),
        DataSize.ofKilobytes(64),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }
}
