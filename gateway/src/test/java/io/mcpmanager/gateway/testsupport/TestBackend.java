package io.mcpmanager.gateway.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * Stands in for the services behind the gateway: one WireMock answering for every service that the
 * tests route to an instance. Tests stub it per path and read what it received.
 */
public final class TestBackend {

  private static WireMockServer server;

  private TestBackend() {}

  public static synchronized WireMockServer shared() {
    if (server == null) {
      server =
          new WireMockServer(
              WireMockConfiguration.options()
                  .bindAddress("127.0.0.1")
                  .dynamicPort()
                  .containerThreads(40)
                  .jettyAcceptors(1));
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }
    return server;
  }

  public static String baseUrl() {
    return "http://127.0.0.1:" + shared().port();
  }
}
