package io.mcpmanager.git.connection;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Why a connection is not plainly active. */
public enum StatusReason {
  /** The provider rejected the refresh token (revoked, rotated away, expired). */
  INVALID_GRANT,
  /** The access token expired and there is no refresh token. */
  TOKEN_EXPIRED,
  /** Refreshes kept failing because the provider was down or timed out. */
  PROVIDER_UNAVAILABLE,
  /** The provider answered 401 to an API call with the current token. */
  TOKEN_REJECTED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Converter(autoApply = true)
  static class JpaConverter implements AttributeConverter<StatusReason, String> {
    @Override
    public @Nullable String convertToDatabaseColumn(@Nullable StatusReason reason) {
      return reason == null ? null : reason.value();
    }

    @Override
    public @Nullable StatusReason convertToEntityAttribute(@Nullable String value) {
      return value == null ? null : StatusReason.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
