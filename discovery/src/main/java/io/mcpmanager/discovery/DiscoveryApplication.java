package io.mcpmanager.discovery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/**
 * Eureka registry of the suite: every service registers here, the gateway resolves {@code lb://}
 * through it.
 */
@SpringBootApplication
@EnableEurekaServer
public class DiscoveryApplication {

  public static void main(String[] args) {
    SpringApplication.run(DiscoveryApplication.class, args);
  }
}
