package io.mcpmanager.kit.outbound;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The outbound guard and its HTTP client for every service ({@code mcpm.outbound.*}). */
@AutoConfiguration
@ConditionalOnClass(CloseableHttpClient.class)
@EnableConfigurationProperties(OutboundProperties.class)
public class OutboundAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  OutboundGuard outboundGuard(
      OutboundProperties properties, ObjectProvider<OutboundResolver> resolver) {
    return new OutboundGuard(properties, resolver.getIfAvailable(OutboundResolver::system));
  }

  @Bean
  @ConditionalOnMissingBean
  OutboundHttp outboundHttp(OutboundGuard guard) {
    return new OutboundHttp(guard);
  }
}
