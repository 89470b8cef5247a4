package io.mcpmanager.auth.pat;

import io.mcpmanager.auth.config.AuthProperties;
import io.mcpmanager.auth.token.Audiences;
import io.mcpmanager.auth.user.Role;
import io.mcpmanager.auth.user.UserSummary;
import io.mcpmanager.kit.security.ResourceServerConfiguration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Mints the short-lived JWT a resolved token is exchanged for: signed with the server's normal key
 * and shaped like a sign-in token ({@code sub}, {@code preferred_username}, {@code roles}), with
 * {@code scope} = only the token's scopes and {@code pat_id} naming the token. Services therefore
 * validate one kind of credential, and see the same identity for a PAT as for a sign-in.
 */
@Component
class PatAccessTokens {

  static final String PAT_ID_CLAIM = ResourceServerConfiguration.PAT_ID_CLAIM;

  /**
   * Besides a sign-in token's audiences ({@link Audiences#ofPersonalTokens()}: the gateway and
   * every service accept these JWTs), this one says the JWT stands for a personal access token.
   */
  static final String AUDIENCE = "mcpm-pat";

  private final JwtEncoder encoder;
  private final AuthProperties auth;
  private final PatProperties properties;
  private final Clock clock;

  PatAccessTokens(JwtEncoder encoder, AuthProperties auth, PatProperties properties, Clock clock) {
    this.encoder = encoder;
    this.auth = auth;
    this.properties = properties;
    this.clock = clock;
  }

  private static List<String> audience() {
    List<String> audience = Audiences.ofPersonalTokens();
    audience.add(AUDIENCE);
    return audience;
  }

  record Minted(String value, Instant expiresAt) {}

  Minted mint(UUID patId, UserSummary owner, List<String> scopes, Instant patExpiresAt) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(properties.accessTokenTtl());
    if (patExpiresAt.isBefore(expiresAt)) {
      expiresAt = patExpiresAt;
    }
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(auth.issuer())
            .subject(owner.id().toString())
            .audience(audience())
            .id(UUID.randomUUID().toString())
            .issuedAt(now)
            .notBefore(now)
            .expiresAt(expiresAt)
            .claim("preferred_username", owner.username())
            .claim("roles", owner.roles().stream().map(Role::name).sorted().toList())
            .claim("scope", new ArrayList<>(scopes))
            .claim(PAT_ID_CLAIM, patId.toString())
            .build();
    JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
    String value = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    return new Minted(value, expiresAt);
  }
}
