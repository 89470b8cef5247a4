package io.mcpmanager.auth.delegation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** A delegation asked for by the console: a subset of the caller's scopes, one audience. */
record CreateDelegationRequest(
    @NotEmpty List<@NotBlank String> scopes,
    @NotBlank String audience,
    @NotNull @Min(1) @Max(60) Integer expiresInMinutes) {}
