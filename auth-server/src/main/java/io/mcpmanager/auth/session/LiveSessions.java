package io.mcpmanager.auth.session;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Refuses, on this server's own API, an access token whose session ({@code sid}) has ended: the
 * gateway learns of a revocation from an event within seconds, this server knows at once, and it is
 * also reached directly at its issuer URL. One primary-key lookup per call; tokens without {@code
 * sid} (personal access tokens' JWTs, service tokens) are not concerned.
 */
@Component
public class LiveSessions implements OAuth2TokenValidator<Jwt> {

  private static final OAuth2Error ENDED =
      new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The session was signed out.", null);

  private final JdbcClient jdbc;

  LiveSessions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt token) {
    String session = token.getClaimAsString(SessionService.SID);
    if (session == null) {
      return OAuth2TokenValidatorResult.success();
    }
    boolean live =
        jdbc.sql("SELECT EXISTS (SELECT 1 FROM oauth2_authorization WHERE id = :id)")
            .param("id", session)
            .query(Boolean.class)
            .single();
    return live ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(ENDED);
  }
}
