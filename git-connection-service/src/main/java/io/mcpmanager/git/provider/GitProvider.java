package io.mcpmanager.git.provider;

import io.mcpmanager.oauth.OAuthClientRegistration;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Git hosting provider. Adding Bitbucket or Gitea means one more implementation registered as a
 * bean; everything else (OAuth flow, refresh, sync, revocation) is provider-neutral.
 */
public interface GitProvider {

  /** Path segment and stored value: {@code github}, {@code gitlab}. */
  String id();

  String displayName();

  List<String> defaultScopes();

  /** Client id and secret come from Vault or the environment; false when they are missing. */
  boolean isConfigured();

  /** OAuth client at this provider, with the service's callback as redirect URI. */
  OAuthClientRegistration registration();

  default String scopeSeparator() {
    return " ";
  }

  default Map<String, String> authorizeParameters() {
    return Map.of();
  }

  GitProfile fetchProfile(String accessToken);

  /** A page of the user's repositories: the first when {@code next} is null. */
  RepositoryPage repositories(String accessToken, @Nullable URI next);

  /** Revokes the authorization at the provider; an already-revoked grant counts as success. */
  void revoke(String accessToken);
}
