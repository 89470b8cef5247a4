package io.mcpmanager.git.repository;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code git.sync.*}.
 *
 * @param maxRateLimitWait a sync gives up when rate limits would make it wait longer than this in total
 * @param secondaryBackoff first wait after a secondary rate limit without a hint; doubles each time
 * @param unavailableRetries retries of a page when the provider answers 5xx or times out
 * @param staleAfter a run still "running" after this long (its replica died) no longer blocks a new one
 */
@ConfigurationProperties("git.sync")
public record SyncProperties(
    @DefaultValue("15m") Duration maxRateLimitWait,
    @DefaultValue("60s") Duration secondaryBackoff,
    @DefaultValue("3") int unavailableRetries,
    @DefaultValue("2s") Duration unavailableBackoff,
    @DefaultValue("500") int maxPages,
    @DefaultValue("30m") Duration staleAfter) {}
