package io.mcpmanager.kit.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequestActor;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Every service's OpenAPI 3.1 document ({@code /v3/api-docs}, aggregated at the gateway as {@code
 * /v3/api-docs/{service}}): its public {@code /api/**} operations, the bearer scheme, snake_case
 * schemas as the APIs speak them, and the problem+json answers each operation can give.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

  static final String BEARER = "bearer";

  static {
    // Resolved from the token by the kit, never sent by a client.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class, RequestActor.class);
  }

  @Bean
  @ConditionalOnMissingBean
  OpenAPI platformOpenApi(
      @Value("${spring.application.name:service}") String service,
      @Value("${mcpm.openapi.version:0.1.0}") String version) {
    return new OpenAPI()
        .info(
            new Info()
                .title(service)
                .version(version)
                .description(
                    "The "
                        + service
                        + " API of the MCP Manager credential platform, served"
                        + " through the gateway. Errors are RFC 9457 problem+json."))
        // Relative: the document is read through the gateway, whose address the caller knows.
        .addServersItem(new Server().url("/"))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT or mcpm_pat_ personal access token")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  /**
   * Schemas follow the APIs' snake_case. springdoc reads models with swagger-core's own (Jackson 2)
   * mapper, which knows nothing of {@code spring.jackson.property-naming-strategy}.
   */
  @Bean
  @ConditionalOnMissingBean
  ModelResolver snakeCaseModelResolver() {
    return new ModelResolver(
        Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
  }

  @Bean
  OpenApiCustomizer documentedProblemAnswers() {
    return new ProblemResponsesCustomizer();
  }
}
