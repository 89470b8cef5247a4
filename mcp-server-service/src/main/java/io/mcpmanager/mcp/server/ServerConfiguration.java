package io.mcpmanager.mcp.server;

import io.mcpmanager.mcp.config.McpProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

  @Bean
  SsrfGuard ssrfGuard(McpProperties properties) {
    return new SsrfGuard(properties.ssrf().allowedCidrs());
  }
}
