package io.mcpmanager.auth.pat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The uses of tokens a gateway saw since its previous report, one entry per token. */
record PatUsageReport(@NotNull @Size(max = 10_000) List<@Valid @NotNull Use> uses) {

  /**
   * @param count requests since the previous report
   * @param lastUsedAt when the last of them arrived, with its client address and user agent
   */
  record Use(
      @NotNull UUID patId,
      @Positive long count,
      @NotNull Instant lastUsedAt,
      @Nullable @Size(max = 64) String lastUsedIp,
      @Nullable String lastUsedUserAgent) {}
}
