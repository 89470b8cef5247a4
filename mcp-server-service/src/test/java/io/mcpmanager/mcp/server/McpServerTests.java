package io.mcpmanager.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.mcp.testdata.McpServerMother;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle of a registered MCP server: which checks and owner actions change its status, and
 * which do not.
 */
class McpServerTests {

  private static final Instant LATER = McpServerMother.REGISTERED_AT.plusSeconds(3600);

  @Nested
  class Registration {

    @Test
    void shouldWaitForItsFirstCheckWithTheFirstManagerKeyVersion() {
      UUID id = UUID.randomUUID();
      McpServer server =
          McpServer.register(
              id,
              "owner-1",
              "notes",
              "https://mcp.example.com/mcp",
              Map.of("region", "eu"),
              McpServerMother.REGISTERED_AT);

      assertThat(server.status()).isEqualTo(ServerStatus.CONNECTING);
      assertThat(server.isActive()).isFalse();
      assertThat(server.signingKeyName()).isEqualTo("mcp-server-" + id);
      assertThat(server.keyVersion()).isEqualTo(1);
      assertThat(server.keyCreatedAt()).isEqualTo(McpServerMother.REGISTERED_AT);
      assertThat(server.hasSession()).isFalse();
      assertThat(server.toolNames()).isEmpty();
    }
  }

  @Nested
  class Checks {

    @Test
    void shouldBecomeActiveWhenTheFirstCheckSucceeds() {
      McpServer server = McpServerMother.connecting();

      McpServerMother.reachable(server, LATER);

      assertThat(server.status()).isEqualTo(ServerStatus.ACTIVE);
      assertThat(server.isActive()).isTrue();
      assertThat(server.hasSession()).isTrue();
      assertThat(server.toolNames()).containsExactly("search", "create");
      assertThat(server.lastSeenAt()).isEqualTo(LATER);
    }

    @Test
    void shouldRecordTheErrorAndDropTheSessionWhenACheckFails() {
      McpServer server = McpServerMother.active();

      server.markFailed("timeout", "No answer within 10s", 10_000, LATER);

      assertThat(server.status()).isEqualTo(ServerStatus.ERROR);
      assertThat(server.errorType()).isEqualTo("timeout");
      assertThat(server.hasSession()).isFalse();
      assertThat(server.lastCheckedAt()).isEqualTo(LATER);
      assertThat(server.lastSeenAt())
          .as("last seen when it last answered")
          .isEqualTo(LATER.minusSeconds(3540));
    }

    @Test
    void shouldRecoverFromAnErrorAndForgetItWhenACheckSucceeds() {
      McpServer server = McpServerMother.failing();

      McpServerMother.reachable(server, LATER);

      assertThat(server.status()).isEqualTo(ServerStatus.ACTIVE);
      assertThat(server.errorType()).isNull();
      assertThat(server.errorMessage()).isNull();
    }

    @Test
    void shouldStayInactiveWhenASwitchedOffServerAnswersButRecordWhatItSaw() {
      McpServer server = McpServerMother.inactive();

      McpServerMother.reachable(server, LATER);

      assertThat(server.status()).isEqualTo(ServerStatus.INACTIVE);
      assertThat(server.isActive()).isFalse();
      assertThat(server.serverName()).isEqualTo("notes-server");
      assertThat(server.lastCheckedAt()).isEqualTo(LATER);
    }

    @Test
    void shouldStayInactiveWhenASwitchedOffServerFails() {
      McpServer server = McpServerMother.inactive();

      server.markFailed("connection_refused", "Connection refused", 3, LATER);

      assertThat(server.status()).isEqualTo(ServerStatus.INACTIVE);
      assertThat(server.errorType()).isEqualTo("connection_refused");
    }
  }

  @Nested
  class OwnerActions {

    @Test
    void shouldMakeAnActiveServerProveItselfAgainAtANewUrl() {
      McpServer server = McpServerMother.active();

      server.moveTo("https://other.example.com/mcp", LATER);

      assertThat(server.status()).isEqualTo(ServerStatus.CONNECTING);
      assertThat(server.url()).isEqualTo("https://other.example.com/mcp");
      assertThat(server.hasSession()).isFalse();
    }

    @Test
    void shouldKeepAnInactiveServerInactiveWhenItMoves() {
      McpServer server = McpServerMother.inactive();

      server.moveTo("https://other.example.com/mcp", LATER);

      assertThat(server.status()).isEqualTo(ServerStatus.INACTIVE);
      assertThat(server.url()).isEqualTo("https://other.example.com/mcp");
    }

    @Test
    void shouldDropTheSessionWhenDeactivated() {
      McpServer server = McpServerMother.active();

      server.deactivate(LATER);

      assertThat(server.status()).isEqualTo(ServerStatus.INACTIVE);
      assertThat(server.hasSession()).isFalse();
      assertThat(server.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void shouldReconnectAReactivatedServer() {
      McpServer server = McpServerMother.inactive();

      server.reactivate(LATER);

      assertThat(server.status()).isEqualTo(ServerStatus.CONNECTING);
      assertThat(server.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void shouldIgnoreReactivatingAServerThatIsNotInactive() {
      McpServer active = McpServerMother.active();
      McpServer failing = McpServerMother.failing();
      Instant activeUpdated = active.updatedAt();

      active.reactivate(LATER);
      failing.reactivate(LATER);

      assertThat(active.status()).isEqualTo(ServerStatus.ACTIVE);
      assertThat(active.updatedAt()).isEqualTo(activeUpdated);
      assertThat(failing.status()).isEqualTo(ServerStatus.ERROR);
    }
  }

  @Nested
  class ManagerKey {

    @Test
    void shouldTrackARotationUntilTheOldVersionsAreRetired() {
      McpServer server = McpServerMother.active();

      server.keyRotated(2, LATER.plusSeconds(3600), LATER);

      assertThat(server.keyVersion()).isEqualTo(2);
      assertThat(server.keyCreatedAt()).isEqualTo(LATER);
      assertThat(server.retireBelowVersion()).isEqualTo(2);
      assertThat(server.retireAfter()).isEqualTo(LATER.plusSeconds(3600));

      server.oldKeysRetired(LATER.plusSeconds(3600));

      assertThat(server.retireBelowVersion()).isNull();
      assertThat(server.retireAfter()).isNull();
      assertThat(server.keyVersion()).isEqualTo(2);
    }
  }
}
