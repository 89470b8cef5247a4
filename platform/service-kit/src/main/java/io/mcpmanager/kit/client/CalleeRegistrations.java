package io.mcpmanager.kit.client;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * This service's client, registered once per callee (the registration id is the callee's service
 * name): each callee gets its own token, asked for with the RFC 8707 {@code resource} parameter, so
 * its {@code aud} names that callee alone and no other service accepts it.
 */
final class CalleeRegistrations implements ClientRegistrationRepository {

  static final String RESOURCE = "resource";

  private final ConcurrentMap<String, ClientRegistration> byCallee = new ConcurrentHashMap<>();
  private final Function<String, ClientRegistration> registration;

  /**
   * @param registration builds the registration for a callee, given as its registration id
   */
  CalleeRegistrations(Function<String, ClientRegistration> registration) {
    this.registration = registration;
  }

  @Override
  public ClientRegistration findByRegistrationId(String callee) {
    return byCallee.computeIfAbsent(callee, registration);
  }

  /** The {@code resource} of a token request: the callee, as the URI it is called by. */
  static MultiValueMap<String, String> resourceParameter(
      OAuth2ClientCredentialsGrantRequest request) {
    MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
    parameters.add(RESOURCE, "http://" + request.getClientRegistration().getRegistrationId());
    return parameters;
  }
}
