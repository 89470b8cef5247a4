package io.mcpmanager.mcp.server;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Stores statuses in the lower-case form the schema's check constraint names. */
@Converter(autoApply = true)
class ServerStatusConverter implements AttributeConverter<ServerStatus, String> {

  @Override
  public String convertToDatabaseColumn(ServerStatus status) {
    return status == null ? null : status.value();
  }

  @Override
  public ServerStatus convertToEntityAttribute(String value) {
    return value == null ? null : ServerStatus.valueOf(value.toUpperCase(Locale.ROOT));
  }
}
