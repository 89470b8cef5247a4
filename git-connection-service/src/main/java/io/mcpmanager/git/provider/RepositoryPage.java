package io.mcpmanager.git.provider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * @param next the next page, null on the last one
 * @param pauseBeforeNext when the provider says the rate limit is used up, how long to wait
 */
public record RepositoryPage(
    List<RemoteRepository> items, @Nullable URI next, @Nullable Duration pauseBeforeNext) {}
