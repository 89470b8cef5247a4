package io.mcpmanager.git.provider;

import io.mcpmanager.git.config.GitProperties;
import io.mcpmanager.oauth.OAuthClientRegistration;
import java.net.URI;
import java.util.List;

/**
 * What every Git provider shares: its settings ({@code git.providers.<id>.*}), the OAuth client
 * from Vault or the environment, the service's callback as redirect URI, and the API base address.
 * A provider adds its endpoints, its default scopes and how it reads profiles and repositories.
 */
abstract class OAuthGitProvider implements GitProvider {

  /** Who the provider is and where its public service lives when nothing is configured. */
  record Identity(String id, String displayName, URI publicBaseUrl, List<String> defaultScopes) {}

  final ProviderSettings settings;
  final ProviderHttp http;
  private final ProviderCredentials credentials;
  private final Identity identity;
  private final URI redirectUri;

  OAuthGitProvider(
      Identity identity,
      GitProperties properties,
      ProviderHttp http,
      ProviderCredentials credentials) {
    this.identity = identity;
    this.settings =
        ProviderSettings.of(properties.provider(identity.id()), identity.publicBaseUrl());
    String callbackBase = properties.oauth().callbackBaseUrl();
    this.http = http;
    this.credentials = credentials;
    this.redirectUri =
        URI.create(
            callbackBase.replaceAll("/+$", "") + "/api/git/" + identity.id() + "/oauth/callback");
  }

  /** Path of the authorization endpoint on the provider's web address. */
  abstract String authorizePath();

  /** Path of the token endpoint on the provider's web address. */
  abstract String tokenPath();

  /** The REST API's base address when {@code api-url} is not configured. */
  abstract URI defaultApi();

  @Override
  public final String id() {
    return identity.id();
  }

  @Override
  public final String displayName() {
    return identity.displayName();
  }

  @Override
  public final List<String> defaultScopes() {
    return settings.scopes().isEmpty() ? identity.defaultScopes() : settings.scopes();
  }

  @Override
  public final boolean isConfigured() {
    return credentials.resolve(id(), settings) != null;
  }

  @Override
  public final OAuthClientRegistration registration() {
    ProviderCredentials.Credentials client = client();
    return new OAuthClientRegistration(
        id(),
        settings.resolve(authorizePath()),
        settings.resolve(tokenPath()),
        client.clientId(),
        client.clientSecret(),
        redirectUri,
        OAuthClientRegistration.ClientAuthentication.POST);
  }

  final ProviderCredentials.Credentials client() {
    ProviderCredentials.Credentials client = credentials.resolve(id(), settings);
    if (client == null) {
      throw ProviderNotConfiguredException.of(id());
    }
    return client;
  }

  final URI apiUri(String path) {
    URI api = settings.apiUrl() != null ? settings.apiUrl() : defaultApi();
    return URI.create(api.toString().replaceAll("/+$", "") + path);
  }
}
