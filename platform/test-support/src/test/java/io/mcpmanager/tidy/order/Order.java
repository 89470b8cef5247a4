package io.mcpmanager.tidy.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** Fixture for HouseRulesTests: a feature that keeps every house rule. */
@Entity
class Order {

  @Id UUID id;

  protected Order() {}

  UUID id() {
    return id;
  }
}
