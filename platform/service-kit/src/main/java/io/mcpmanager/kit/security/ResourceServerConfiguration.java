package io.mcpmanager.kit.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service validates the same JWT the gateway validated (defence in depth): issuer, signature
 * against the issuer's JWKS, expiry and audience: {@code mcpm.security.audience}, by default the
 * service's own name ({@code spring.application.name}), must be in {@code aud}. Roles become {@code
 * ROLE_*} authorities and scopes {@code SCOPE_*}, so internal endpoints can require a scope. With
 * {@code mcpm.security.api-scope-family} set, the user API ({@code /api/**} outside the public
 * paths) needs {@code <family>:read} to read and {@code <family>:write} for everything else:
 * sign-in tokens carry every API scope their user holds, a personal access token only its own, a
 * service token none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
public class ResourceServerConfiguration {

  /** The claim naming the personal access token a JWT stands for. */
  public static final String PAT_ID_CLAIM = "pat_id";

  /** The authority of requests made with a personal access token. */
  public static final String PAT = "PAT";

  private static final String API = "/api/**";

  @Bean
  @ConditionalOnMissingBean
  JwtDecoder jwtDecoder(SecurityProperties properties) {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withJwkSetUri(properties.effectiveJwkSetUri()).build();
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(JwtValidators.createDefaultWithIssuer(properties.issuerUri()));
    String audience = properties.audience();
    if (audience != null && !audience.isBlank()) {
      validators.add(audienceValidator(audience));
    }
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
    return decoder;
  }

  /**
   * Accepts only tokens naming this service in {@code aud}: a token another service got for its own
   * callee is refused here (401), and so is a token for some other resource of the issuer.
   */
  public static OAuth2TokenValidator<Jwt> audienceValidator(String audience) {
    return new JwtClaimValidator<List<String>>(
        JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience));
  }

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain apiSecurity(
      HttpSecurity http, SecurityProperties properties, ProblemSecurityHandlers handlers)
      throws Exception {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(ResourceServerConfiguration::authorities);
    http.authorizeHttpRequests(
            requests -> {
              // The API documents describe the public API; they hold nothing secret.
              requests.requestMatchers("/actuator/**", "/error", "/v3/api-docs").permitAll();
              properties.publicPaths().forEach(path -> requests.requestMatchers(path).permitAll());
              if (properties.checksApiScopes()) {
                String read = "SCOPE_" + properties.apiScopeFamily() + ":read";
                String write = "SCOPE_" + properties.apiScopeFamily() + ":write";
                requests
                    .requestMatchers(HttpMethod.GET, API)
                    .hasAuthority(read)
                    .requestMatchers(HttpMethod.HEAD, API)
                    .hasAuthority(read)
                    .requestMatchers(API)
                    .hasAuthority(write);
              }
              requests.anyRequest().authenticated();
            })
        .oauth2ResourceServer(
            server ->
                server
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
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
   * Roles as {@code ROLE_*}, scopes as {@code SCOPE_*}, and {@link #PAT} for a JWT the gateway got
   * for a personal access token: the authorities of every service, auth-server's API too.
   */
  public static Collection<GrantedAuthority> authorities(Jwt jwt) {
    CurrentUser user = CurrentUser.from(jwt);
    List<GrantedAuthority> authorities = new ArrayList<>();
    user.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
    user.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
    if (jwt.hasClaim(PAT_ID_CLAIM)) {
      authorities.add(new SimpleGrantedAuthority(PAT));
    }
    return authorities;
  }
}
