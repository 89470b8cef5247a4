package io.mcpmanager.git.oauth;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Optional body of {@code POST /api/git/{provider}/oauth/start}. */
public record StartOAuthRequest(
    @Size(max = 20)
        @Nullable
            List<
                @Pattern(regexp = "[A-Za-z0-9:_.\\-]{1,64}", message = "is not a valid scope")
                String>
            scopes,
    @Size(max = 2048) @Nullable String returnUrl) {}
