package io.mcpmanager.auth.pat;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * @param expiresInDays 1 to 366; 30 when absent
 * @param allowedCidrs networks the token may be used from; any when absent or empty
 */
record CreatePatRequest(
    @NotBlank @Size(max = 100) String name,
    @NotEmpty @Size(max = 20) List<@NotBlank String> scopes,
    @Nullable @Min(1) @Max(PatProperties.MAX_LIFETIME_DAYS) Integer expiresInDays,
    @Nullable @Size(max = 20) List<@NotBlank String> allowedCidrs) {}
