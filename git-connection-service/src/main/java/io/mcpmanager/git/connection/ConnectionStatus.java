package io.mcpmanager.git.connection;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The seed's statuses without its duplicate EXPIRED: whether re-auth is needed is a separate flag.
 */
public enum ConnectionStatus {
  ACTIVE,
  INACTIVE,
  ERROR,
  EXPIRED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Converter(autoApply = true)
  static class JpaConverter implements AttributeConverter<ConnectionStatus, String> {
    @Override
    public @Nullable String convertToDatabaseColumn(@Nullable ConnectionStatus status) {
      return status == null ? null : status.value();
    }

    @Override
    public @Nullable ConnectionStatus convertToEntityAttribute(@Nullable String value) {
      return value == null ? null : ConnectionStatus.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
