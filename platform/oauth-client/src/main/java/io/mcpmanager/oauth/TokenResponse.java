package io.mcpmanager.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A successful token endpoint answer. {@code expiresIn} is null for tokens that do not expire
 * (GitHub OAuth Apps); {@code refreshToken} is null when none was issued (or not rotated). {@link
 * #toString()} never shows a token.
 */
public record TokenResponse(
    String accessToken,
    @Nullable String refreshToken,
    @Nullable String tokenType,
    List<String> scopes,
    @Nullable Duration expiresIn,
    @Nullable Duration refreshTokenExpiresIn) {

  public TokenResponse {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }

  public @Nullable Instant expiresAt(Instant now) {
    return expiresIn == null ? null : now.plus(expiresIn);
  }

  public @Nullable Instant refreshTokenExpiresAt(Instant now) {
    return refreshTokenExpiresIn == null ? null : now.plus(refreshTokenExpiresIn);
  }

  /** Scopes as providers return them: space-separated (RFC 6749) or comma-separated (GitHub). */
  public static List<String> parseScopes(@Nullable String scope) {
    if (scope == null || scope.isBlank()) {
      return List.of();
    }
    return Arrays.stream(scope.trim().split("[\\s,]+"))
        .filter(s -> !s.isBlank())
        .distinct()
        .toList();
  }

  @Override
  public String toString() {
    return "TokenResponse[tokenType="
        + tokenType
        + ", scopes="
        + scopes
        + ", expiresIn="
        + expiresIn
        + ", refreshToken="
        + (refreshToken == null ? "none" : "present")
        + "]";
  }
}
