package io.mcpmanager.kit.assertion;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mcpmanager.kit.secrets.TransitSigner;
import io.mcpmanager.kit.secrets.TransitSigner.SignatureValue;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a caller assertion for one call: signed through Vault by the trusted caller's key, meant
 * for this service, for exactly the owner and link the call asks about, at most {@code maxLifetime}
 * long and not expired (with {@code clockSkew}), and its {@code jti} not used before. Anything else
 * is a 403 naming the problem, never echoing the assertion.
 */
public class CallerAssertionVerifier {

  /** The request header carrying the assertion. */
  public static final String HEADER = "Mcpm-Caller-Assertion";

  private final TransitSigner signer;
  private final String trustedIssuer;
  private final String trustedKey;
  private final String audience;
  private final UsedAssertionIds used;
  private final Duration maxLifetime;
  private final Duration clockSkew;
  private final Clock clock;

  public CallerAssertionVerifier(
      TransitSigner signer,
      String trustedIssuer,
      String trustedKey,
      String audience,
      UsedAssertionIds used,
      Duration maxLifetime,
      Duration clockSkew,
      Clock clock) {
    this.signer = signer;
    this.trustedIssuer = trustedIssuer;
    this.trustedKey = trustedKey;
    this.audience = audience;
    this.used = used;
    this.maxLifetime = maxLifetime;
    this.clockSkew = clockSkew;
    this.clock = clock;
  }

  static String keyId(String keyName, int version) {
    return keyName + ":v" + version;
  }

  /** The verified assertion, or {@link CallerAssertionRefusedException}. */
  public CallerAssertion verify(@Nullable String assertion, String owner, String link) {
    if (assertion == null || assertion.isBlank()) {
      throw CallerAssertionRefusedException.because(
          "The call carries no caller assertion (" + HEADER + ")");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(assertion);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw CallerAssertionRefusedException.because("The caller assertion is not a JWT");
    }
    checkSignature(jwt);
    CallerAssertion verified = claims(claims);
    if (!verified.owner().equals(owner) || !verified.link().equals(link)) {
      throw CallerAssertionRefusedException.because(
          "The caller assertion is for another owner or link");
    }
    if (!used.claim(verified.issuer(), verified.jti(), verified.expiresAt())) {
      throw CallerAssertionRefusedException.because("The caller assertion was already used");
    }
    return verified;
  }

  private void checkSignature(SignedJWT jwt) {
    String kid = jwt.getHeader().getKeyID();
    String prefix = trustedKey + ":v";
    if (!JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm())
        || !CallerAssertionSigner.TYPE.equals(
            jwt.getHeader().getType() == null ? null : jwt.getHeader().getType().getType())
        || kid == null
        || !kid.startsWith(prefix)) {
      throw CallerAssertionRefusedException.because(
          "The caller assertion is not signed by a trusted caller");
    }
    int version;
    try {
      version = Integer.parseInt(kid.substring(prefix.length()));
    } catch (NumberFormatException e) {
      throw CallerAssertionRefusedException.because("The caller assertion names no key version");
    }
    byte[] input = jwt.getSigningInput();
    SignatureValue signature = new SignatureValue(version, jwt.getSignature().decode());
    if (!signer.verify(trustedKey, input, signature)) {
      throw CallerAssertionRefusedException.because("The caller assertion's signature is invalid");
    }
  }

  private CallerAssertion claims(JWTClaimsSet claims) {
    Date issued = claims.getIssueTime();
    Date expires = claims.getExpirationTime();
    List<String> audiences = claims.getAudience();
    String server = stringClaim(claims, "server");
    String link = stringClaim(claims, "link");
    if (issued == null
        || expires == null
        || claims.getSubject() == null
        || claims.getJWTID() == null
        || server == null
        || link == null) {
      throw CallerAssertionRefusedException.because(
          "The caller assertion lacks sub, server, link, jti, iat or exp");
    }
    if (!trustedIssuer.equals(claims.getIssuer()) || !audiences.equals(List.of(audience))) {
      throw CallerAssertionRefusedException.because(
          "The caller assertion is not from a trusted caller for this service");
    }
    Instant now = clock.instant();
    Instant issuedAt = issued.toInstant();
    Instant expiresAt = expires.toInstant();
    if (Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0
        || issuedAt.isAfter(now.plus(clockSkew))
        || !expiresAt.isAfter(now.minus(clockSkew))) {
      throw CallerAssertionRefusedException.because(
          "The caller assertion is expired, not yet valid or lives too long");
    }
    return new CallerAssertion(
        Objects.requireNonNull(claims.getIssuer()),
        audience,
        claims.getSubject(),
        server,
        link,
        claims.getJWTID(),
        issuedAt,
        expiresAt);
  }

  private static @Nullable String stringClaim(JWTClaimsSet claims, String name) {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      return null;
    }
  }
}
