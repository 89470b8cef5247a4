package io.mcpmanager.mcp.integration;

import static io.mcpmanager.kit.assertion.CallerAssertionVerifier.HEADER;

import io.mcpmanager.kit.assertion.CallerAssertion;
import io.mcpmanager.kit.assertion.CallerAssertionSigner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The internal APIs of the two credential-owning services, found by their Eureka names (the host of
 * {@code http://integration-service}, {@code http://git-connection-service}, replaced by the load
 * balancer with a registered instance) and called with this service's client-credentials token;
 * both come with the kit's {@code @ServiceRestClient} builder:
 *
 * <ul>
 *   <li>{@code GET /internal/integrations/{owner}/{type}/credential} and {@code .../status}
 *   <li>{@code GET /internal/git/connections/{id}/token?owner=} and {@code .../status?owner=}
 * </ul>
 *
 * The credential answer is {@code {"credential": "...", "type": "...", "expires_at": ...}}. The
 * token only says that this service calls; each call also carries a caller assertion (header {@code
 * Mcpm-Caller-Assertion}, the kit's {@link CallerAssertionSigner}) naming the callee, the owner,
 * the MCP server and the link, single-use and short-lived, without which the owning services hand
 * out nothing for an owner.
 */
public class RestCredentialSource implements CredentialSource {

  public static final String INTEGRATION_SERVICE = "integration-service";
  public static final String GIT_CONNECTION_SERVICE = "git-connection-service";

  private final RestClient integrations;
  private final RestClient git;
  private final CallerAssertionSigner assertions;

  /**
   * @param services a load-balanced builder that adds this service's token (the kit's
   *     {@code @ServiceRestClient})
   */
  public RestCredentialSource(
      RestClient.Builder services, CallerAssertionSigner assertions, Duration timeout) {
    this.assertions = assertions;
    SimpleClientHttpRequestFactory http = new SimpleClientHttpRequestFactory();
    http.setConnectTimeout(timeout);
    http.setReadTimeout(timeout);
    RestClient.Builder base =
        services
            .clone()
            .requestFactory(http)
            .defaultHeaders(headers -> headers.setAccept(List.of(MediaType.APPLICATION_JSON)));
    this.integrations = base.clone().baseUrl("http://" + INTEGRATION_SERVICE).build();
    this.git = base.clone().baseUrl("http://" + GIT_CONNECTION_SERVICE).build();
  }

  @Override
  public BrokeredCredential integrationCredential(
      UUID serverId, String ownerId, String integrationType) {
    return fetch(
        INTEGRATION_SERVICE,
        "integration " + integrationType,
        () ->
            integrations
                .get()
                .uri("/internal/integrations/{owner}/{type}/credential", ownerId, integrationType)
                .header(HEADER, integrationAssertion(serverId, ownerId, integrationType))
                .retrieve()
                .body(BrokeredCredential.class));
  }

  @Override
  public BrokeredCredential gitCredential(UUID serverId, String ownerId, String connectionId) {
    return fetch(
        GIT_CONNECTION_SERVICE,
        "git connection " + connectionId,
        () ->
            git.get()
                .uri(
                    u ->
                        u.path("/internal/git/connections/{id}/token")
                            .queryParam("owner", ownerId)
                            .build(connectionId))
                .header(HEADER, gitAssertion(serverId, ownerId, connectionId))
                .retrieve()
                .body(BrokeredCredential.class));
  }

  @Override
  public CredentialStatus integrationStatus(UUID serverId, String ownerId, String integrationType) {
    return status(
        INTEGRATION_SERVICE,
        "integration " + integrationType,
        () ->
            integrations
                .get()
                .uri("/internal/integrations/{owner}/{type}/status", ownerId, integrationType)
                .header(HEADER, integrationAssertion(serverId, ownerId, integrationType))
                .retrieve()
                .body(Map.class));
  }

  @Override
  public CredentialStatus gitStatus(UUID serverId, String ownerId, String connectionId) {
    return status(
        GIT_CONNECTION_SERVICE,
        "git connection " + connectionId,
        () ->
            git.get()
                .uri(
                    u ->
                        u.path("/internal/git/connections/{id}/status")
                            .queryParam("owner", ownerId)
                            .build(connectionId))
                .header(HEADER, gitAssertion(serverId, ownerId, connectionId))
                .retrieve()
                .body(Map.class));
  }

  private String integrationAssertion(UUID serverId, String ownerId, String integrationType) {
    return assertions.sign(
        INTEGRATION_SERVICE,
        ownerId,
        serverId.toString(),
        CallerAssertion.integrationLink(integrationType));
  }

  private String gitAssertion(UUID serverId, String ownerId, String connectionId) {
    return assertions.sign(
        GIT_CONNECTION_SERVICE,
        ownerId,
        serverId.toString(),
        // git-connection-service compares the id in its canonical (lower-case UUID) form.
        CallerAssertion.gitLink(canonical(connectionId)));
  }

  private static String canonical(String connectionId) {
    try {
      return UUID.fromString(connectionId).toString();
    } catch (IllegalArgumentException e) {
      return connectionId;
    }
  }

  private CredentialStatus status(String service, String what, Supplier<@Nullable Map<?, ?>> call) {
    Map<?, ?> body;
    try {
      body = fetch(service, what, call);
    } catch (CredentialNotFoundException e) {
      return CredentialStatus.missing();
    }
    String status =
        body == null || body.get("status") == null ? null : String.valueOf(body.get("status"));
    Object valid = body == null ? null : body.get("valid");
    if (valid == null && body != null) {
      valid = body.get("credentials_valid");
    }
    boolean isValid =
        valid instanceof Boolean b
            ? b
            : status != null
                && (status.equals("active")
                    || status.equals("connected")
                    || status.equals("valid"));
    return new CredentialStatus(true, isValid, status);
  }

  private static <T> T fetch(String service, String what, Supplier<@Nullable T> call) {
    try {
      T result = call.get();
      if (result == null) {
        throw CredentialSourceUnavailableException.of(service, null);
      }
      return result;
    } catch (HttpClientErrorException e) {
      if (e.getStatusCode().isSameCodeAs(HttpStatusCode.valueOf(404))) {
        throw CredentialNotFoundException.of(what);
      }
      throw CredentialSourceUnavailableException.of(service, e);
    } catch (RestClientException e) {
      throw CredentialSourceUnavailableException.of(service, e);
    } catch (OAuth2AuthorizationException e) {
      throw CredentialSourceUnavailableException.of("auth-server", e);
    } catch (IllegalStateException e) {
      // The load balancer found no registered instance of the service.
      throw CredentialSourceUnavailableException.of(service, e);
    }
  }
}
