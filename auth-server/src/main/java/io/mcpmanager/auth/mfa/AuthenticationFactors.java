package io.mcpmanager.auth.mfa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * What a sign-in's factors say, read from Spring Security's {@link FactorGrantedAuthority}s (each
 * with the instant it was granted): {@code amr} values of RFC 8176, an {@code acr} and the {@code
 * auth_time} of the last factor.
 */
public final class AuthenticationFactors {

  /** The factor authority of a TOTP code or recovery code. */
  public static final String OTP = "FACTOR_OTP";

  public static final String ACR_MFA = "urn:mcpm:acr:mfa";
  public static final String ACR_PASSWORD = "urn:mcpm:acr:pwd";

  private AuthenticationFactors() {}

  public static FactorGrantedAuthority otp(Instant now) {
    return FactorGrantedAuthority.withAuthority(OTP).issuedAt(now).build();
  }

  public static boolean hasSecondFactor(Authentication authentication) {
    return issuedAt(authentication, OTP).isPresent();
  }

  /** When the user last proved a factor (the second one, when there are two). */
  public static Optional<Instant> authTime(Authentication authentication) {
    return factors(authentication).stream()
        .map(FactorGrantedAuthority::getIssuedAt)
        .max(Instant::compareTo);
  }

  /** RFC 8176 methods: {@code pwd}, {@code otp}, and {@code mfa} when both were used. */
  public static List<String> amr(Authentication authentication) {
    List<String> methods = new ArrayList<>();
    boolean password =
        issuedAt(authentication, FactorGrantedAuthority.PASSWORD_AUTHORITY).isPresent();
    boolean otp = hasSecondFactor(authentication);
    if (password) {
      methods.add("pwd");
    }
    if (otp) {
      methods.add("otp");
    }
    if (password && otp) {
      methods.add("mfa");
    }
    return methods;
  }

  public static String acr(Authentication authentication) {
    return amr(authentication).contains("mfa") ? ACR_MFA : ACR_PASSWORD;
  }

  private static Optional<Instant> issuedAt(Authentication authentication, String factor) {
    return factors(authentication).stream()
        .filter(authority -> factor.equals(authority.getAuthority()))
        .map(FactorGrantedAuthority::getIssuedAt)
        .max(Instant::compareTo);
  }

  private static List<FactorGrantedAuthority> factors(Authentication authentication) {
    List<FactorGrantedAuthority> factors = new ArrayList<>();
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      if (authority instanceof FactorGrantedAuthority factor) {
        factors.add(factor);
      }
    }
    return factors;
  }
}
