package io.mcpmanager.kit.assertion;

import java.time.Instant;

/**
 * What a caller proves about one call: it ({@code issuer}) acts for {@code owner} through the MCP
 * server {@code server} and its link {@code link} (e.g. {@code integration:notion}, {@code
 * git:<connection id>}), towards {@code audience}, once ({@code jti}) and briefly.
 */
public record CallerAssertion(
    String issuer,
    String audience,
    String owner,
    String server,
    String link,
    String jti,
    Instant issuedAt,
    Instant expiresAt) {

  /** The link claim of a call for an integration of a type. */
  public static String integrationLink(String integrationType) {
    return "integration:" + integrationType;
  }

  /** The link claim of a call for a git connection. */
  public static String gitLink(String connectionId) {
    return "git:" + connectionId;
  }
}
