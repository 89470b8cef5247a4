package io.mcpmanager.auth.login;

import io.mcpmanager.auth.user.AccountUserDetailsService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The form login's authentication: password check wrapped in brute-force protection. */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

  @Bean
  ThrottlingAuthenticationProvider throttlingAuthenticationProvider(
      AccountUserDetailsService users,
      PasswordEncoder passwords,
      LoginThrottle throttle,
      LoginRecorder recorder) {
    DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(users);
    passwordCheck.setPasswordEncoder(passwords);
    passwordCheck.setUserDetailsPasswordService(users);
    return new ThrottlingAuthenticationProvider(passwordCheck, throttle, recorder);
  }
}
