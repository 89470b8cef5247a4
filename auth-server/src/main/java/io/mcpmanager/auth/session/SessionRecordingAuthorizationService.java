package io.mcpmanager.auth.session;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization store, telling {@link SessionRecorder} about every saved authorization: the
 * first save of one happens in the request of the client that starts it (the browser at the
 * authorization endpoint, the CLI at the device authorization endpoint), whose user agent and
 * address the session list shows.
 */
public final class SessionRecordingAuthorizationService implements OAuth2AuthorizationService {

  private final OAuth2AuthorizationService delegate;
  private final SessionRecorder recorder;

  public SessionRecordingAuthorizationService(
      OAuth2AuthorizationService delegate, SessionRecorder recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    delegate.save(authorization);
    recorder.saved(authorization);
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    delegate.remove(authorization);
  }

  @Override
  public @Nullable OAuth2Authorization findById(String id) {
    return delegate.findById(id);
  }

  @Override
  public @Nullable OAuth2Authorization findByToken(
      String token, @Nullable OAuth2TokenType tokenType) {
    return delegate.findByToken(token, tokenType);
  }
}
