package io.mcpmanager.oauth;

import io.mcpmanager.testsupport.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh database on the shared real PostgreSQL with the module's migration applied. */
final class Databases {

  private Databases() {}

  static String freshWithOAuthState() {
    String url = PostgresServer.newDatabase("oauth_client");
    try (InputStream in =
        Databases.class.getResourceAsStream("/db/oauth-client/V1__oauth_state.sql")) {
      PostgresServer.executeAsSuperuser(url, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return url;
  }

  static DataSource dataSource(String url) {
    return new DriverManagerDataSource(url, "postgres", "");
  }
}
