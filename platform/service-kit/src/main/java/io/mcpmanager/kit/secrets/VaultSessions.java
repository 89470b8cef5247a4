package io.mcpmanager.kit.secrets;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.authentication.SessionManager;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;

/**
 * The Vault login of this service: renews the token before it expires and logs in again when it
 * cannot (AppRole tokens have a maximum TTL), on a scheduler of its own that stops with the
 * context. Not a {@code TaskScheduler} bean itself, so the application's {@code @Scheduled} jobs
 * never run on it.
 */
public class VaultSessions implements DisposableBean {

  private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
  private final LifecycleAwareSessionManager sessionManager;

  public VaultSessions(
      ClientAuthentication authentication, VaultEndpoint endpoint, ClientHttpRequestFactory http) {
    scheduler.setThreadNamePrefix("vault-session-");
    scheduler.setDaemon(true);
    scheduler.setAwaitTerminationSeconds(5);
    scheduler.initialize();
    sessionManager =
        new LifecycleAwareSessionManager(
            authentication, scheduler, VaultClients.createRestTemplate(endpoint, http));
  }

  public SessionManager sessionManager() {
    return sessionManager;
  }

  ThreadPoolTaskScheduler scheduler() {
    return scheduler;
  }

  @Override
  public void destroy() {
    scheduler.destroy();
  }
}
