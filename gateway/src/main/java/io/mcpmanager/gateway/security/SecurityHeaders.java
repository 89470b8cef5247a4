package io.mcpmanager.gateway.security;

import java.time.Duration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity.HeaderSpec;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;

/**
 * The security headers of every gateway answer: set by the security chain, and written by hand for
 * the answers given before the chain runs (a request the firewall rejects).
 */
final class SecurityHeaders {

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
  private static final Duration HSTS_MAX_AGE = Duration.ofDays(365);

  private SecurityHeaders() {}

  /** For the security chain's {@code headers(...)}. */
  static void configure(HeaderSpec headers) {
    headers
        .hsts(hsts -> hsts.maxAge(HSTS_MAX_AGE).includeSubdomains(true))
        .contentTypeOptions(Customizer.withDefaults())
        .frameOptions(frame -> frame.mode(Mode.DENY))
        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY));
  }

  /** The same headers as a writer, for answers outside the chain. */
  static ServerHttpHeadersWriter writer() {
    StrictTransportSecurityServerHttpHeadersWriter hsts =
        new StrictTransportSecurityServerHttpHeadersWriter();
    hsts.setMaxAge(HSTS_MAX_AGE);
    hsts.setIncludeSubDomains(true);
    XFrameOptionsServerHttpHeadersWriter frame = new XFrameOptionsServerHttpHeadersWriter();
    frame.setMode(Mode.DENY);
    ContentSecurityPolicyServerHttpHeadersWriter csp =
        new ContentSecurityPolicyServerHttpHeadersWriter();
    csp.setPolicyDirectives(CONTENT_SECURITY_POLICY);
    return new CompositeServerHttpHeadersWriter(
        new CacheControlServerHttpHeadersWriter(),
        new ContentTypeOptionsServerHttpHeadersWriter(),
        hsts,
        frame,
        new ReferrerPolicyServerHttpHeadersWriter(),
        csp);
  }
}
