package io.mcpmanager.integration.account;

import io.mcpmanager.integration.catalog.IntegrationType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the catalogue value ({@code notion}) rather than the constant name. */
@Converter
class IntegrationTypeConverter implements AttributeConverter<IntegrationType, String> {

  @Override
  public String convertToDatabaseColumn(IntegrationType type) {
    return type == null ? null : type.value();
  }

  @Override
  public IntegrationType convertToEntityAttribute(String value) {
    return value == null ? null : IntegrationType.fromValue(value).orElseThrow();
  }
}
