package io.mcpmanager.auth.delegation;

import io.mcpmanager.kit.security.RecentSecondFactor;
import io.mcpmanager.kit.security.ResourceServerConfiguration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * How a delegated token is recognised: it carries {@code act} (RFC 8693 §4.1). On auth-server's API
 * it gets the {@link #DELEGATED} authority, which the account and admin APIs refuse, as they refuse
 * personal access tokens; the kit's step-up guard refuses it everywhere.
 */
public final class DelegatedTokens {

  public static final String ACT = RecentSecondFactor.ACT;

  /** The authority of requests made with a delegated token. */
  public static final String DELEGATED = "DELEGATED";

  private DelegatedTokens() {}

  /** The kit's authorities, plus {@link #DELEGATED} for a token with {@code act}. */
  public static Collection<GrantedAuthority> authorities(Jwt jwt) {
    List<GrantedAuthority> authorities =
        new ArrayList<>(ResourceServerConfiguration.authorities(jwt));
    if (jwt.hasClaim(ACT)) {
      authorities.add(new SimpleGrantedAuthority(DELEGATED));
    }
    return authorities;
  }
}
