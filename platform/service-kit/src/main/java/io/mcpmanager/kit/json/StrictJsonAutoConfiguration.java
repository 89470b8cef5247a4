package io.mcpmanager.kit.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Request fields are typed strictly: a number or boolean sent where the API expects a string
 * ({@code "access_token": 0}) is a 400 naming the field, not silently turned into {@code "0"}.
 * (Snake case and unknown-field refusal are properties, set in {@code PlatformDefaults}.)
 */
@AutoConfiguration(
    beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({JsonMapper.class, JsonMapperBuilderCustomizer.class})
public class StrictJsonAutoConfiguration {

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
