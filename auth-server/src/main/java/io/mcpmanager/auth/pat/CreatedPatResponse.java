package io.mcpmanager.auth.pat;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to creating or regenerating a token: the only time its secret is shown. */
record CreatedPatResponse(String token, @JsonUnwrapped PatResponse details) {}
