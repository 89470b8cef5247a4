package io.mcpmanager.kit.client;

import io.mcpmanager.kit.config.ServiceKitAutoConfiguration;
import io.mcpmanager.kit.security.SecurityProperties;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.http.HttpRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Service-to-service calls: a load-balanced {@link RestClient.Builder} (qualifier {@link
 * ServiceRestClient}) whose requests carry a client-credentials access token of this service, one
 * per callee: the token is asked for with {@code resource=http://<callee>} (RFC 8707), so its
 * {@code aud} names the callee alone. Spring Security's OAuth2 client obtains the token from the
 * issuer's token endpoint, caches it and fetches a new one shortly before it expires (or after the
 * callee rejects it). Active only when {@code mcpm.client.id} is set. Both beans are not default
 * candidates, so no other {@code RestClient.Builder} injection (calls to third parties) is
 * affected.
 */
@AutoConfiguration(
    after = ServiceKitAutoConfiguration.class,
    afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({OAuth2AuthorizedClientManager.class, RestClient.class})
@ConditionalOnProperty(prefix = "mcpm.client", name = "id")
@EnableConfigurationProperties({ServiceClientProperties.class, SecurityProperties.class})
public class ServiceClientAutoConfiguration {

  @Bean(defaultCandidate = false)
  @ServiceRestClient
  OAuth2AuthorizedClientManager serviceAuthorizedClientManager(
      ServiceClientProperties properties, SecurityProperties security, Clock clock) {
    Assert.hasText(
        properties.secret(),
        "mcpm.client.secret (MCPM_CLIENT_SECRET) is required when" + " mcpm.client.id is set");
    URI tokenUri =
        properties.tokenUri() != null
            ? properties.tokenUri()
            : URI.create(security.issuerUri() + "/oauth2/token");
    CalleeRegistrations registrations =
        new CalleeRegistrations(
            callee ->
                ClientRegistration.withRegistrationId(callee)
                    .clientId(properties.id())
                    .clientSecret(properties.secret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope(properties.scopes())
                    .tokenUri(tokenUri.toString())
                    .build());
    RestClientClientCredentialsTokenResponseClient tokenRequests =
        new RestClientClientCredentialsTokenResponseClient();
    tokenRequests.addParametersConverter(CalleeRegistrations::resourceParameter);
    ClientCredentialsOAuth2AuthorizedClientProvider provider =
        new ClientCredentialsOAuth2AuthorizedClientProvider();
    provider.setAccessTokenResponseClient(tokenRequests);
    provider.setClockSkew(properties.clockSkew());
    provider.setClock(clock);
    AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
        new AuthorizedClientServiceOAuth2AuthorizedClientManager(
            registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
    manager.setAuthorizedClientProvider(provider);
    return manager;
  }

  /** A fresh builder per injection point (builders are mutable), load-balanced and authorised. */
  @Bean(defaultCandidate = false)
  @ServiceRestClient
  @LoadBalanced
  @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
  RestClient.Builder serviceRestClientBuilder(
      @ServiceRestClient OAuth2AuthorizedClientManager serviceAuthorizedClientManager,
      ServiceClientProperties properties,
      ObjectProvider<RestClientBuilderConfigurer> configurer) {
    // The token belongs to this service, whoever the current user is: one cache entry, not one per
    // user.
    // mcpm.client.id is set: this configuration is conditional on it.
    Authentication service =
        UsernamePasswordAuthenticationToken.authenticated(
            Objects.requireNonNull(properties.id()), null, List.of());
    OAuth2ClientHttpRequestInterceptor tokens =
        new OAuth2ClientHttpRequestInterceptor(serviceAuthorizedClientManager);
    // The callee is the host of the load-balanced URI (its Eureka name): one token per callee.
    tokens.setClientRegistrationIdResolver(ServiceClientAutoConfiguration::callee);
    tokens.setPrincipalResolver(request -> service);
    // Boot's configuration first: the platform's JSON mapper (snake_case), observations, timeouts.
    RestClient.Builder builder = RestClient.builder();
    configurer.ifAvailable(c -> c.configure(builder));
    return builder.requestInterceptor(tokens);
  }

  private static String callee(HttpRequest request) {
    String host = request.getURI().getHost();
    Assert.hasText(host, "a service call names its callee as host: http://<service>/...");
    return host;
  }
}
