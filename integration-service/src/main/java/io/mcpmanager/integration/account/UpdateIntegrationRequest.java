package io.mcpmanager.integration.account;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Changes to an integration; every field is optional. A new {@code access_token} is a rotation.
 *
 * @param status {@code active} or {@code inactive}
 */
public record UpdateIntegrationRequest(
    @Size(min = 1, max = 4096) @Credentials.HeaderSafe @Nullable String accessToken,
    @Nullable Map<String, String> meta,
    @Pattern(regexp = "active|inactive", message = "must be active or inactive")
        @Nullable String status,
    @Nullable Boolean saveAnyway) {

  public UpdateIntegrationRequest {
    accessToken = Credentials.strip(accessToken);
  }

  boolean forceSave() {
    return Boolean.TRUE.equals(saveAnyway);
  }

  @Override
  public String toString() {
    return "UpdateIntegrationRequest[meta="
        + meta
        + ", status="
        + status
        + ", saveAnyway="
        + saveAnyway
        + "]";
  }
}
