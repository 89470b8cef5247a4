package io.mcpmanager.discovery.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP basic over the whole registry: the REST API under {@code /eureka/**} (registrations,
 * heartbeats, look-ups) and the dashboard. CSRF is off for the API only (its clients are services
 * with no browser session). The actuator, served on the separate management port, stays open for
 * the probes and Prometheus.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiscoveryCredentials.class)
class RegistrySecurityConfiguration {

  static final String ROLE = "SERVICE";

  @Bean
  SecurityFilterChain registrySecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(EndpointRequest.toAnyEndpoint())
                    .permitAll()
                    .anyRequest()
                    .hasRole(ROLE))
        .httpBasic(Customizer.withDefaults())
        .csrf(csrf -> csrf.ignoringRequestMatchers("/eureka/**"))
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  @Bean
  UserDetailsService registryAccount(DiscoveryCredentials credentials) {
    return new InMemoryUserDetailsManager(
        User.withUsername(credentials.username())
            .password(Sha256PasswordEncoder.digest(credentials.password()))
            .roles(ROLE)
            .build());
  }

  /**
   * The password is a random value from the environment, not a human one, so a slow hash would only
   * cost every heartbeat; a SHA-256 digest compared in constant time keeps the plain value out of
   * the user store and the comparison free of timing leaks.
   */
  @Bean
  PasswordEncoder registryPasswordEncoder() {
    return new Sha256PasswordEncoder();
  }

  static final class Sha256PasswordEncoder implements PasswordEncoder {

    @Override
    public @Nullable String encode(@Nullable CharSequence rawPassword) {
      return rawPassword == null ? null : digest(rawPassword);
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
      if (rawPassword == null || encodedPassword == null) {
        return false;
      }
      return MessageDigest.isEqual(
          digest(rawPassword).getBytes(StandardCharsets.US_ASCII),
          encodedPassword.getBytes(StandardCharsets.US_ASCII));
    }

    static String digest(CharSequence value) {
      try {
        return HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(value.toString().getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }
  }
}
