package io.mcpmanager.sample.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** Fixture for HouseRulesTests: an entity that leaks out of its feature and out of the API. */
@Entity
public class Order {

  @Id UUID id;
}
