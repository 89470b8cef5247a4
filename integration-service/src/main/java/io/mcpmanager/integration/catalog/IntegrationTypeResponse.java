package io.mcpmanager.integration.catalog;

import java.util.List;

/** One catalogue entry (the seed's {@code IntegrationTypeInfo}, extended). */
public record IntegrationTypeResponse(
    String value,
    String displayName,
    String description,
    String icon,
    String howToObtain,
    List<String> authMethods,
    List<MetaFieldResponse> metaFields) {

  /** One meta field of a type. */
  public record MetaFieldResponse(
      String name, boolean required, String format, String description) {}

  public static IntegrationTypeResponse from(IntegrationType type) {
    return new IntegrationTypeResponse(
        type.value(),
        type.displayName(),
        type.description(),
        type.icon(),
        type.howToObtain(),
        type.authMethods().stream().map(AuthMethod::value).sorted().toList(),
        type.metaFields().stream()
            .map(
                f ->
                    new MetaFieldResponse(
                        f.name(), f.required(), f.format().value(), f.description()))
            .toList());
  }
}
