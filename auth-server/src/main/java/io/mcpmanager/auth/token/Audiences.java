package io.mcpmanager.auth.token;

import java.util.ArrayList;
import java.util.List;

/**
 * Who a token is for ({@code aud}). Each service accepts only tokens naming it, and the gateway
 * only tokens naming {@link #USER_API}. A person's access token (sign-in, refresh, device flow,
 * personal access token) names the user-facing API and every service behind it, because the gateway
 * relays that one token to whichever service a route reaches; a service's client-credentials token
 * names only its callee (see {@code client.ServiceAudiences}), so no other service accepts it.
 */
public final class Audiences {

  /** The audience the gateway requires: the API people and their scripts call. */
  public static final String USER_API = "mcpm-api";

  /** The services the gateway routes a person's requests to. */
  public static final List<String> USER_FACING_SERVICES =
      List.of(
          "auth-server",
          "integration-service",
          "git-connection-service",
          "mcp-server-service",
          "audit-service");

  private Audiences() {}

  /**
   * {@code aud} of a person's access token, as a mutable list: the claims are stored with the
   * authorization, and the store's JSON allow-list knows ArrayList but not immutable lists.
   */
  public static List<String> ofPersonalTokens() {
    List<String> audience = new ArrayList<>();
    audience.add(USER_API);
    audience.addAll(USER_FACING_SERVICES);
    return audience;
  }
}
