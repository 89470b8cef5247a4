package io.mcpmanager.integration.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A credential to check before saving it; nothing is stored. */
public record TestCredentialRequest(
    @NotBlank @Size(max = 32) String type,
    @NotBlank @Size(max = 4096) @Credentials.HeaderSafe String accessToken,
    @Nullable Map<String, String> meta) {

  public TestCredentialRequest {
    accessToken = Credentials.strip(accessToken);
  }

  @Override
  public String toString() {
    return "TestCredentialRequest[type=" + type + ", meta=" + meta + "]";
  }
}
