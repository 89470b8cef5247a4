package io.mcpmanager.kit.json;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Request fields are typed strictly: a number or boolean sent where the API expects a string
 * ({@code "access_token": 0}) is a 400 naming the field, not silently turned into {@code "0"}. JSON
 * is read within limits of depth, string, number and field-name length far below Jackson's defaults
 * and far above any document of the APIs or the providers (a 400 naming the limit). (Snake case and
 * unknown-field refusal are properties, set in {@code PlatformDefaults}.)
 */
@AutoConfiguration(
    beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({JsonMapper.class, JsonMapperBuilderCustomizer.class})
public class StrictJsonAutoConfiguration {

  static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(64)
          .maxStringLength(256 * 1024)
          .maxNumberLength(64)
          .maxNameLength(256)
          .build();

  /**
   * Boot's builder bean, on a factory with our read limits: the limits live in the stream factory,
   * which a {@link JsonMapperBuilderCustomizer} cannot replace. Boot's customizers (the {@code
   * spring.jackson.*} properties) are applied as Boot would.
   */
  @Bean
  @Scope("prototype")
  @ConditionalOnMissingBean
  JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
    JsonMapper.Builder builder =
        JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build());
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder;
  }

  @Bean
  JsonMapperBuilderCustomizer strictScalarTypes() {
    return builder ->
        builder
            .withCoercionConfig(
                LogicalType.Textual,
                strings ->
                    strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(
                LogicalType.Boolean,
                booleans ->
                    booleans
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
  }
}
