package io.mcpmanager.auth.client;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Identifies a public client (no secret) by its {@code client_id} on the requests the library does
 * not cover for public clients: device authorization, device-code polling, refresh-token exchange
 * and token exchange (RFC 8693). The library only knows public clients on the PKCE code exchange.
 */
public class PublicClientAuthenticationConverter implements AuthenticationConverter {

  static final String MARKER = PublicClientAuthenticationConverter.class.getName();
  private static final Set<String> GRANTS =
      Set.of(
          AuthorizationGrantType.DEVICE_CODE.getValue(),
          AuthorizationGrantType.REFRESH_TOKEN.getValue(),
          AuthorizationGrantType.TOKEN_EXCHANGE.getValue());

  private final String deviceAuthorizationEndpoint;

  public PublicClientAuthenticationConverter(String deviceAuthorizationEndpoint) {
    this.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint;
  }

  @Override
  public @Nullable Authentication convert(HttpServletRequest request) {
    if (!"POST".equals(request.getMethod())
        || request.getHeader(HttpHeaders.AUTHORIZATION) != null
        || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
        || request.getParameter(PkceParameterNames.CODE_VERIFIER) != null) {
      return null;
    }
    boolean deviceAuthorization = request.getRequestURI().equals(deviceAuthorizationEndpoint);
    String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
    boolean grant = grantType != null && GRANTS.contains(grantType);
    String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
    if (!(deviceAuthorization || grant)
        || clientIds == null
        || clientIds.length != 1
        || clientIds[0].isBlank()) {
      return null;
    }
    return new OAuth2ClientAuthenticationToken(
        clientIds[0], ClientAuthenticationMethod.NONE, null, Map.of(MARKER, true));
  }
}
