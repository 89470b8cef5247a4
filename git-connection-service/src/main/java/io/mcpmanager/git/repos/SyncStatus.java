package io.mcpmanager.git.repos;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

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
    public String convertToDatabaseColumn(SyncStatus status) {
      return status == null ? null : status.value();
    }

    @Override
    public SyncStatus convertToEntityAttribute(String value) {
      return value == null ? null : SyncStatus.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
