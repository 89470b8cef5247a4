package io.mcpmanager.auth.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The audience of a service's client-credentials token: the one callee it asked for with the RFC
 * 8707 {@code resource} parameter ({@code http://integration-service}, or the bare service name),
 * among those the client may call. A client with a single callee may leave {@code resource} out. A
 * callee outside the client's list, or a missing {@code resource} where several are possible, is
 * {@code invalid_target}.
 */
public final class ServiceAudiences {

  /** The parameter of RFC 8707 (resource indicators). */
  public static final String RESOURCE = "resource";

  /** Which services each service client may call. */
  public static final Map<String, List<String>> CALLEES =
      Map.of(
          "mcp-server-service", List.of("integration-service", "git-connection-service"),
          "integration-service", List.of("audit-service"),
          "git-connection-service", List.of("audit-service"),
          "gateway", List.of("auth-server"));

  private ServiceAudiences() {}

  /** {@code aud} of the token (a mutable list, for the authorization store). */
  public static List<String> forRequest(String clientId, @Nullable Object resource) {
    List<String> callees = CALLEES.getOrDefault(clientId, List.of());
    if (resource == null && callees.size() == 1) {
      return new ArrayList<>(callees);
    }
    if (!(resource instanceof String requested)) {
      throw invalidTarget("name exactly one callee in the resource parameter");
    }
    String callee = serviceName(requested);
    if (!callees.contains(callee)) {
      throw invalidTarget("the resource is not a service this client may call");
    }
    return new ArrayList<>(List.of(callee));
  }

  private static String serviceName(String resource) {
    try {
      URI uri = URI.create(resource);
      return uri.isAbsolute() && uri.getHost() != null ? uri.getHost() : resource;
    } catch (IllegalArgumentException e) {
      throw invalidTarget("the resource is not a URI");
    }
  }

  private static OAuth2AuthenticationException invalidTarget(String description) {
    return new OAuth2AuthenticationException(new OAuth2Error("invalid_target", description, null));
  }
}
