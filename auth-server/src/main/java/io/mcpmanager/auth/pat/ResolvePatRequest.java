package io.mcpmanager.auth.pat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The token a caller presented to the gateway (in the body, never in a URL). */
record ResolvePatRequest(@NotBlank @Size(max = 200) String token) {}
