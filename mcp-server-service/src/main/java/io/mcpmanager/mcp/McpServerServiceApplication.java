package io.mcpmanager.mcp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class McpServerServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(McpServerServiceApplication.class, args);
  }
}
