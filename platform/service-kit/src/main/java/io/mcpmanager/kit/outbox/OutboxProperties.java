package io.mcpmanager.kit.outbox;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outbox settings ({@code mcpm.outbox.*}).
 *
 * @param enabled false in a service that records no events: no writer, no relay
 * @param relayEnabled false keeps events in the table (tests that read it); the relay publishes
 *     none
 * @param pollInterval how often the relay looks for pending events
 * @param batchSize events published per round
 * @param sendTimeout how long a round waits for the broker's acknowledgements
 * @param maxBackoff the longest pause after repeated failures (doubling from the poll interval)
 */
@Validated
@ConfigurationProperties("mcpm.outbox")
public record OutboxProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("true") boolean relayEnabled,
    @DefaultValue("100ms") Duration pollInterval,
    @DefaultValue("500") @Min(1) int batchSize,
    @DefaultValue("10s") Duration sendTimeout,
    @DefaultValue("10s") Duration maxBackoff) {}
