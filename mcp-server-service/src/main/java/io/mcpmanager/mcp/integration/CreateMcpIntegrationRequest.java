package io.mcpmanager.mcp.integration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Links a server to an integration type ({@code "integration": "notion"}) or to a git connection
 * ({@code "git_connection_id": "..."}): exactly one of the two.
 */
public record CreateMcpIntegrationRequest(
    @Pattern(
            regexp = "[a-z][a-z0-9_-]{1,39}",
            message = "must be an integration type such as notion")
        @Nullable String integration,
    @Size(min = 1, max = 64)
        @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be a connection id")
        @Nullable String gitConnectionId,
    @Nullable Boolean enabled,
    @Nullable Map<String, Object> config) {

  @AssertTrue(message = "give exactly one of integration and git_connection_id")
  public boolean isExactlyOneTarget() {
    return (integration == null) != (gitConnectionId == null);
  }
}
