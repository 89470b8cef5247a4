package io.mcpmanager.mcp.broker;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What credential the server asks for: {@code {"integration": "notion"}} or {@code
 * {"git_connection_id": "..."}}.
 */
public record BrokerRequest(
    @Pattern(
            regexp = "[a-z][a-z0-9_-]{1,39}",
            message = "must be an integration type such as notion")
        @Nullable String integration,
    @Size(min = 1, max = 64)
        @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be a connection id")
        @Nullable String gitConnectionId) {

  @AssertTrue(message = "give exactly one of integration and git_connection_id")
  public boolean isExactlyOneTarget() {
    return (integration == null) != (gitConnectionId == null);
  }

  String target() {
    return integration != null ? integration : "git:" + gitConnectionId;
  }
}
