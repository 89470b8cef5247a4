package io.mcpmanager.mcp.server;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Stores statuses in the lower-case form the schema's check constraint names. */
@Converter(autoApply = true)
class ServerStatusConverter implements AttributeConverter<ServerStatus, String> {

  @Override
  public @Nullable String convertToDatabaseColumn(@Nullable ServerStatus status) {
    return status == null ? null : status.value();
  }

  @Override
  public @Nullable ServerStatus convertToEntityAttribute(@Nullable String value) {
    return value == null ? null : ServerStatus.valueOf(value.toUpperCase(Locale.ROOT));
  }
}
