package io.mcpmanager.mcp.health;

import io.mcpmanager.mcp.config.McpProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

  @Bean
  McpProbe mcpProbe(McpProperties properties) {
    return new McpProbe(properties.health().timeout());
  }
}
