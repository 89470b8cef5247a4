package io.mcpmanager.integration.config;

import io.mcpmanager.integration.catalog.MetaValidator;
import java.net.http.HttpClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;

/**
 * Beans shared by the features: the HTTP client for provider calls, the meta validator and the
 * scheduler.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IntegrationProperties.class)
public class IntegrationConfiguration {

  /** No redirects (a redirect could carry a credential elsewhere) and bounded waits. */
  @Bean
  public RestClient providerRestClient(IntegrationProperties properties) {
    return providerClient(properties);
  }

  @Bean
  MetaValidator metaValidator(IntegrationProperties properties) {
    return new MetaValidator(properties.metaMaxBytes());
  }

  public static RestClient providerClient(IntegrationProperties properties) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(properties.validation().timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(properties.validation().timeout());
    return RestClient.builder().requestFactory(factory).build();
  }
}
