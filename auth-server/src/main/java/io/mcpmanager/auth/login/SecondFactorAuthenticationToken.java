package io.mcpmanager.auth.login;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A code typed after the password, for the user the password step signed in. Not yet checked. */
final class SecondFactorAuthenticationToken extends AbstractAuthenticationToken {

  private final Object principal;
  private final String username;
  private final String code;

  SecondFactorAuthenticationToken(Object principal, String username, String code) {
    super(List.of());
    this.principal = principal;
    this.username = username;
    this.code = code;
    setAuthenticated(false);
  }

  String username() {
    return username;
  }

  String code() {
    return code;
  }

  @Override
  public String getName() {
    return username;
  }

  @Override
  public Object getCredentials() {
    return code;
  }

  @Override
  public Object getPrincipal() {
    return principal;
  }
}
