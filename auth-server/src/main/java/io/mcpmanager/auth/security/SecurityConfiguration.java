package io.mcpmanager.auth.security;

import static io.mcpmanager.kit.security.ResourceServerConfiguration.PAT;

import io.mcpmanager.auth.client.PublicClientAuthenticationConverter;
import io.mcpmanager.auth.client.PublicClientAuthenticationProvider;
import io.mcpmanager.auth.delegation.DelegatedTokenExchange;
import io.mcpmanager.auth.delegation.DelegatedTokens;
import io.mcpmanager.auth.login.SecondFactorGate;
import io.mcpmanager.auth.login.SecondFactorLoginFilter;
import io.mcpmanager.auth.login.ThrottlingAuthenticationProvider;
import io.mcpmanager.auth.mfa.SecondFactors;
import io.mcpmanager.auth.user.UserDirectory;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.ProblemSecurityHandlers;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three filter chains: the OAuth2/OIDC endpoints (behind the second-factor gate), the APIs (bearer
 * tokens: the admin API for role ADMIN, the account API for users, the gateway's internal endpoints
 * for its service token) and everything else behind form login with CSRF, then the second-factor
 * step. They replace the kit's default chain.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  static final String ACTIVATE = "/activate";
  static final String ACTIVATED = "/activated";

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerEndpoints(
      HttpSecurity http,
      RegisteredClientRepository clients,
      AuthorizationServerSettings settings,
      UserDirectory users,
      SecondFactors factors,
      DelegatedTokenExchange delegation,
      Clock clock)
      throws Exception {
    http.oauth2AuthorizationServer(
            server -> {
              http.securityMatcher(server.getEndpointsMatcher());
              server
                  .oidc(Customizer.withDefaults())
                  .clientAuthentication(
                      client ->
                          client
                              .authenticationConverter(
                                  new PublicClientAuthenticationConverter(
                                      settings.getDeviceAuthorizationEndpoint()))
                              .authenticationProvider(
                                  new PublicClientAuthenticationProvider(clients)))
                  // RFC 8693 token exchange under the delegation rules.
                  .tokenEndpoint(
                      token ->
                          token.authenticationProviders(
                              DelegatedTokenExchange.replacingBuiltIn(delegation)))
                  .deviceAuthorizationEndpoint(device -> device.verificationUri(ACTIVATE))
                  .deviceVerificationEndpoint(
                      verification ->
                          verification.deviceVerificationResponseHandler(
                              new SimpleUrlAuthenticationSuccessHandler(ACTIVATED)));
            })
        .addFilterAfter(
            new SecondFactorGate(
                settings.getAuthorizationEndpoint(),
                settings.getDeviceVerificationEndpoint(),
                users,
                factors,
                clock),
            SecurityContextHolderFilter.class)
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .exceptionHandling(
            exceptions ->
                exceptions.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
        .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, ProblemSecurityHandlers handlers)
      throws Exception {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(DelegatedTokens::authorities);
    // A personal access token or a delegated token never administers anything, nor manages the
    // account's tokens.
    AuthorizationManager<RequestAuthorizationContext> signInTokenOnly =
        AuthorizationManagers.not(
            AuthorityAuthorizationManager.hasAnyAuthority(PAT, DelegatedTokens.DELEGATED));
    http.securityMatcher("/api/**", "/internal/**")
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/api/admin/**")
                    .access(
                        AuthorizationManagers.allOf(
                            AuthorityAuthorizationManager.hasRole(CurrentUser.ADMIN),
                            signInTokenOnly))
                    .requestMatchers("/api/account/**")
                    .access(
                        AuthorizationManagers.allOf(
                            AuthorityAuthorizationManager.hasRole("USER"), signInTokenOnly))
                    .requestMatchers("/internal/pats/**")
                    .hasAuthority("SCOPE_pats.resolve")
                    .anyRequest()
                    .denyAll())
        .oauth2ResourceServer(
            server ->
                server
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                    .authenticationEntryPoint(handlers.entryPoint())
                    .accessDeniedHandler(handlers.accessDeniedHandler()))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(handlers.entryPoint())
                    .accessDeniedHandler(handlers.accessDeniedHandler()))
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  /**
   * Form login (the default page, with its CSRF token) for the authorization and device flows. Its
   * authentication manager holds only the throttling provider and has no parent, so no other
   * password check can be reached around the brute-force protection. The second-factor step ({@code
   * /login/second-factor}) has a manager of its own that checks only the code.
   */
  @Bean
  @Order(3)
  SecurityFilterChain formLogin(
      HttpSecurity http,
      ThrottlingAuthenticationProvider login,
      UserDirectory users,
      SecondFactors factors,
      Clock clock)
      throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/login", "/error", "/actuator/**", "/v3/api-docs")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .authenticationManager(new ProviderManager(login))
        .formLogin(Customizer.withDefaults())
        .addFilterAfter(
            new SecondFactorLoginFilter(users, factors, clock),
            UsernamePasswordAuthenticationFilter.class);
    return http.build();
  }
}
