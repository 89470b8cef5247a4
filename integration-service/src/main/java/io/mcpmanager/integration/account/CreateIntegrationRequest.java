package io.mcpmanager.integration.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A new API-token integration. {@code access_token} is accepted on input only and never returned.
 *
 * @param saveAnyway store a credential the provider rejected, with status error
 */
public record CreateIntegrationRequest(
    @NotBlank @Size(max = 32) String type,
    @NotBlank @Size(max = 4096) @Credentials.HeaderSafe String accessToken,
    @Nullable Map<String, String> meta,
    @Nullable Boolean saveAnyway) {

  public CreateIntegrationRequest {
    accessToken = Credentials.strip(accessToken);
  }

  boolean forceSave() {
    return Boolean.TRUE.equals(saveAnyway);
  }

  @Override
  public String toString() {
    return "CreateIntegrationRequest[type="
        + type
        + ", meta="
        + meta
        + ", saveAnyway="
        + saveAnyway
        + "]";
  }
}
