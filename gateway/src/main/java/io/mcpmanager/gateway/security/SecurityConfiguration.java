package io.mcpmanager.gateway.security;

import io.mcpmanager.gateway.correlation.RequestIdFilter;
import io.mcpmanager.gateway.problem.ProblemResponseWriter;
import io.mcpmanager.gateway.revocation.DisabledUsers;
import io.mcpmanager.gateway.revocation.RevokedSessions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * Bearer-token authentication for {@code /api/**}, browser hardening headers and CORS. Paths
 * outside {@code /api/**} are not routed at all and end in 404.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

  @Bean
  SecurityWebFilterChain securityWebFilterChain(
      ServerHttpSecurity http,
      ProblemResponseWriter problems,
      CorsConfigurationSource corsConfigurationSource) {
    ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
    ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .cors(cors -> cors.configurationSource(corsConfigurationSource))
        // CORS preflights are answered by the CORS filter before authorization; any other
        // OPTIONS request needs a token like every other method.
        .authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers(PUBLIC_PATHS)
                    .permitAll()
                    .pathMatchers("/api/**")
                    .authenticated()
                    .anyExchange()
                    .permitAll())
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .jwt(Customizer.withDefaults())
                    .bearerTokenConverter(bearerTokenOutsidePublicPaths())
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(accessDenied))
        .exceptionHandling(
            handling ->
                handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
        .headers(SecurityHeaders::configure)
        .build();
  }

  /**
   * Validates signature (keys from the issuer's JWKS), expiry, issuer, when configured audience,
   * that the subject is not a disabled user and that the session ({@code sid}) was not revoked.
   * Keys are fetched on first use, so the gateway starts before the issuer does. A token's
   * signature is checked once and remembered (see {@link VerifiedTokenCache}); the other checks run
   * on every request.
   */
  @Bean
  ReactiveJwtDecoder jwtDecoder(
      SecurityProperties properties, DisabledUsers disabledUsers, RevokedSessions revokedSessions) {
    String issuer = properties.issuerUri().toString();
    NimbusReactiveJwtDecoder decoder =
        properties.hasJwkSetUri()
            ? NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build()
            : NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(JwtValidators.createDefaultWithIssuer(issuer));
    if (!properties.audiences().isEmpty()) {
      validators.add(
          new JwtClaimValidator<List<String>>(
              JwtClaimNames.AUD,
              audience ->
                  audience != null
                      && audience.stream().anyMatch(properties.audiences()::contains)));
    }
    // A disabled user's tokens are refused from the moment the gateway reads user.disabled.
    validators.add(disabledUsers);
    // And a signed-out session's tokens from the moment the gateway reads session.revoked.
    validators.add(revokedSessions);
    OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
    SecurityProperties.VerifiedTokens cache = properties.verifiedTokens();
    if (cache.maxEntries() == 0) {
      decoder.setJwtValidator(validator);
      return decoder;
    }
    // The Nimbus decoder checks only the signature; the cache runs the validators on every use.
    decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
    return new VerifiedTokenCache(
        decoder, validator, cache.maxEntries(), cache.maxAge(), Clock.systemUTC());
  }

  @Bean
  CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
    cors.setAllowedHeaders(
        List.of(
            "Authorization",
            "Content-Type",
            "Accept",
            RequestIdFilter.HEADER,
            "traceparent",
            "tracestate"));
    cors.setExposedHeaders(
        List.of(
            RequestIdFilter.HEADER,
            "Location",
            "Retry-After",
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset",
            "WWW-Authenticate"));
    cors.setAllowCredentials(false);
    cors.setMaxAge(properties.maxAge());
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/**", cors);
    return source;
  }

  private static final String[] PUBLIC_PATHS = PublicPaths.patterns();

  /**
   * On public paths the bearer token is not ours to check: it is relayed to the service as it is.
   */
  private static ServerAuthenticationConverter bearerTokenOutsidePublicPaths() {
    ServerWebExchangeMatcher publicPaths = ServerWebExchangeMatchers.pathMatchers(PUBLIC_PATHS);
    ServerBearerTokenAuthenticationConverter bearer =
        new ServerBearerTokenAuthenticationConverter();
    return exchange ->
        publicPaths
            .matches(exchange)
            .flatMap(match -> match.isMatch() ? Mono.empty() : bearer.convert(exchange));
  }
}
