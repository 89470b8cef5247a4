package io.mcpmanager.mcp.health;

import io.mcpmanager.kit.outbound.OutboundHttp;
import io.mcpmanager.mcp.config.McpProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

  @Bean
  McpProbe mcpProbe(OutboundHttp outbound, McpProperties properties) {
    return new McpProbe(
        outbound, properties.health().timeout(), properties.health().maxResponseSize());
  }
}
