package io.mcpmanager.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Spring's JDBC authorization store, except that token values (authorization codes, access, refresh
 * and id tokens, device and user codes) are kept only as SHA-256 hashes: a copy of the database
 * gives nobody a usable refresh token. Lookups hash the presented value; the tokens are random and
 * long, so an unsalted hash is enough (like an API key hash).
 */
public class HashedTokenAuthorizationService extends JdbcOAuth2AuthorizationService {

  static final String PREFIX = "sha256:";

  /** Positions of the token value columns in the library's parameter list (its column order). */
  private static final Set<Integer> TOKEN_VALUE_POSITIONS = Set.of(7, 11, 17, 21, 25, 29);

  public HashedTokenAuthorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
    super(jdbc, clients);
    Function<OAuth2Authorization, List<SqlParameterValue>> plain =
        getAuthorizationParametersMapper();
    setAuthorizationParametersMapper(authorization -> hashTokenValues(plain.apply(authorization)));
  }

  @Override
  public @Nullable OAuth2Authorization findByToken(
      String token, @Nullable OAuth2TokenType tokenType) {
    if (tokenType != null && OAuth2ParameterNames.STATE.equals(tokenType.getValue())) {
      return super.findByToken(token, tokenType);
    }
    return super.findByToken(hash(token), tokenType);
  }

  private static List<SqlParameterValue> hashTokenValues(List<SqlParameterValue> parameters) {
    List<SqlParameterValue> hashed = new ArrayList<>(parameters);
    for (int position : TOKEN_VALUE_POSITIONS) {
      SqlParameterValue parameter = hashed.get(position);
      Object value = parameter.getValue();
      if (value instanceof String text) {
        hashed.set(position, new SqlParameterValue(parameter.getSqlType(), hash(text)));
      } else if (value instanceof byte[] bytes) {
        hashed.set(
            position,
            new SqlParameterValue(
                parameter.getSqlType(),
                hash(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
      }
    }
    return hashed;
  }

  /**
   * The value a token is stored under: what {@code OAuth2Authorization.getToken(value)} on a found
   * authorization must be given. Idempotent: a value read back from the store is already a hash and
   * stays as it is.
   */
  public static String hash(String token) {
    if (token.startsWith(PREFIX)) {
      return token;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
