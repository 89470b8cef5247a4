package io.mcpmanager.integration.account;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Non-secret meta as a JSON object of strings. */
@Converter
class MetaConverter implements AttributeConverter<Map<String, String>, String> {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> TYPE = new TypeReference<>() {};

  @Override
  public String convertToDatabaseColumn(@Nullable Map<String, String> meta) {
    return JSON.writeValueAsString(meta == null ? Map.of() : meta);
  }

  @Override
  public Map<String, String> convertToEntityAttribute(@Nullable String value) {
    return value == null || value.isBlank() ? Map.of() : Map.copyOf(JSON.readValue(value, TYPE));
  }
}
