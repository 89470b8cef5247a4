package io.mcpmanager.gateway.security;

/**
 * Paths the services authenticate themselves: OAuth callbacks (the browser arrives from the
 * provider without a token, the signed state identifies the user), MCP credential brokering (the
 * MCP server signs its own JWT) and the manager's public JWKS per MCP server. A bearer token there
 * is relayed as it is.
 */
public final class PublicPaths {

  private static final String[] PATTERNS = {
    "/api/git/*/oauth/callback",
    "/api/integrations/*/oauth/callback",
    "/api/mcp/broker/**",
    "/api/mcp/servers/*/.well-known/jwks.json"
  };

  private PublicPaths() {}

  public static String[] patterns() {
    return PATTERNS.clone();
  }
}
