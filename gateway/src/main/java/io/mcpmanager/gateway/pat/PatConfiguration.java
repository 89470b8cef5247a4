package io.mcpmanager.gateway.pat;

import io.mcpmanager.gateway.problem.ProblemResponseWriter;
import io.mcpmanager.gateway.request.ClientAddresses;
import io.mcpmanager.gateway.security.SecurityProperties;
import io.mcpmanager.gateway.upstream.UpstreamProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway as a client of auth-server's internal PAT endpoints: through Eureka (the load
 * balancer's exchange filter), with its own client-credentials token, which Spring Security's
 * OAuth2 client fetches from the token endpoint, caches and renews before it expires.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PatProperties.class)
@EnableScheduling
class PatConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PatConfiguration.class);
  private static final String REGISTRATION_ID = "gateway";

  @Bean
  PatResolver patResolver(
      PatProperties properties,
      SecurityProperties security,
      ReactorLoadBalancerExchangeFilterFunction loadBalancer) {
    return new PatResolver(authServerClient(properties, security, loadBalancer), properties);
  }

  @Bean
  PatUsage patUsage(
      PatProperties properties,
      SecurityProperties security,
      ReactorLoadBalancerExchangeFilterFunction loadBalancer) {
    return new PatUsage(
        authServerClient(properties, security, loadBalancer), properties, Clock.systemUTC());
  }

  @Bean
  PatExchangeFilter patExchangeFilter(
      PatProperties properties,
      PatResolver resolver,
      PatUsage usage,
      ClientAddresses clientAddresses,
      ProblemResponseWriter problems,
      UpstreamProperties upstream,
      MeterRegistry meters) {
    InvalidTokenAttempts invalidAttempts =
        new InvalidTokenAttempts(properties.maxInvalidPerAddress(), properties.invalidWindow());
    return new PatExchangeFilter(
        resolver, invalidAttempts, usage, clientAddresses, problems, upstream, meters);
  }

  private static @Nullable WebClient authServerClient(
      PatProperties properties,
      SecurityProperties security,
      ReactorLoadBalancerExchangeFilterFunction loadBalancer) {
    if (!properties.hasClientSecret()) {
      log.warn(
          "no client secret for auth-server (MCPM_CLIENT_SECRET): personal access tokens are"
              + " answered with 503");
      return null;
    }
    String tokenUri =
        properties.tokenUri() != null
            ? properties.tokenUri().toString()
            : security.issuerUri().toString().replaceAll("/+$", "") + "/oauth2/token";
    ClientRegistration registration =
        ClientRegistration.withRegistrationId(REGISTRATION_ID)
            .clientId(properties.clientId())
            .clientSecret(Objects.requireNonNull(properties.clientSecret()))
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .scope("pats.resolve")
            .tokenUri(tokenUri)
            .build();
    InMemoryReactiveClientRegistrationRepository registrations =
        new InMemoryReactiveClientRegistrationRepository(registration);
    AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager =
        new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
            registrations, new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
    manager.setAuthorizedClientProvider(
        ReactiveOAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
    ServerOAuth2AuthorizedClientExchangeFilterFunction oauth =
        new ServerOAuth2AuthorizedClientExchangeFilterFunction(manager);
    oauth.setDefaultClientRegistrationId(REGISTRATION_ID);
    return WebClient.builder().filter(oauth).filter(loadBalancer).build();
  }
}
