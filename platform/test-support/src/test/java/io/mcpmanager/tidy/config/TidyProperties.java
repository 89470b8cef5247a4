package io.mcpmanager.tidy.config;

import java.net.URI;

/** Fixture for HouseRulesTests: the configuration every feature may read. */
public record TidyProperties(URI providerUrl) {}
