package io.mcpmanager.gateway.testsupport;

import io.mcpmanager.gateway.GatewayApplication;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A further gateway in this JVM, for tests of what replicas share. */
public final class GatewayReplica {

  private GatewayReplica() {}

  /** A gateway with the common test configuration plus {@code overrides}, on a free port. */
  public static ConfigurableApplicationContext start(Map<String, Object> overrides) {
    Map<String, Object> properties = GatewayTestProperties.common();
    properties.put("server.port", 0);
    properties.put("management.server.port", -1);
    properties.putAll(overrides);
    String[] args =
        properties.entrySet().stream()
            .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class)
        .run(args);
  }

  public static WebTestClient client(ConfigurableApplicationContext context) {
    int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(20))
        .build();
  }

  /**
   * Replicas are separate processes in production. In one JVM they would share Reactor Netty's
   * global event loops, and closing one context disposes them under every other context still
   * running here (the shared {@code @SpringBootTest} gateway among them).
   */
  @Configuration(proxyBeanMethods = false)
  static class OwnNettyResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
      ReactorResourceFactory factory = new ReactorResourceFactory();
      factory.setUseGlobalResources(false);
      return factory;
    }
  }
}
