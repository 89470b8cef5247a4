package io.mcpmanager.integration.account;

import io.mcpmanager.integration.catalog.IntegrationType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jspecify.annotations.Nullable;

/** Stores the catalogue value ({@code notion}) rather than the constant name. */
@Converter
class IntegrationTypeConverter implements AttributeConverter<IntegrationType, String> {

  @Override
  public @Nullable String convertToDatabaseColumn(@Nullable IntegrationType type) {
    return type == null ? null : type.value();
  }

  @Override
  public @Nullable IntegrationType convertToEntityAttribute(@Nullable String value) {
    return value == null ? null : IntegrationType.fromValue(value).orElseThrow();
  }
}
