package io.mcpmanager.auth.login;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The form login's authentication: password check wrapped in brute-force protection. */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

  @Bean
  ThrottlingAuthenticationProvider throttlingAuthenticationProvider(UserDetailsService users,
      PasswordEncoder passwords, LoginThrottle throttle, LoginRecorder recorder) {
    DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(users);
    passwordCheck.setPasswordEncoder(passwords);
    return new ThrottlingAuthenticationProvider(passwordCheck, throttle, recorder);
  }
}
