package io.mcpmanager.gateway.security;

import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Who the gateway trusts to issue access tokens.
 *
 * @param issuerUri the issuer; every token's {@code iss} must equal it, and unless
 * {@code jwkSetUri} is set its keys are found through OpenID discovery
 * @param jwkSetUri optional JWKS location, skipping discovery
 * @param audiences when not empty, a token must name one of them in {@code aud}
 */
@Validated
@ConfigurationProperties("mcpm.gateway.security")
public record SecurityProperties(@NotNull URI issuerUri, String jwkSetUri, @DefaultValue List<String> audiences) {

	public SecurityProperties {
		audiences = audiences == null ? List.of()
				: audiences.stream().filter(StringUtils::hasText).map(String::trim).toList();
	}

	boolean hasJwkSetUri() {
		return StringUtils.hasText(jwkSetUri);
	}

}
