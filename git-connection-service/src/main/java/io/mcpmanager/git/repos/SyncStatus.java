package io.mcpmanager.git.repos;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

public enum SyncStatus {
  RUNNING,
  SUCCEEDED,
  FAILED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Converter(autoApply = true)
  static class JpaConverter implements AttributeConverter<SyncStatus, String> {
    @Override
    public @Nullable String convertToDatabaseColumn(@Nullable SyncStatus status) {
      return status == null ? null : status.value();
    }

    @Override
    public @Nullable SyncStatus convertToEntityAttribute(@Nullable String value) {
      return value == null ? null : SyncStatus.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
