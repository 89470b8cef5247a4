package io.mcpmanager.tidy.billing.invoice;

import java.util.UUID;

/** Fixture for HouseRulesTests: a sub-package belongs to its feature (billing). */
public record Invoice(UUID orderId) {}
