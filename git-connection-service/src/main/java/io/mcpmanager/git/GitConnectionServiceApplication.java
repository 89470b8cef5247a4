package io.mcpmanager.git;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GitConnectionServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(GitConnectionServiceApplication.class, args);
  }
}
