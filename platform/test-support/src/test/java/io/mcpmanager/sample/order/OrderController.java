package io.mcpmanager.sample.order;

import io.mcpmanager.sample.billing.BillingService;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fixture for HouseRulesTests: public, field-injected, transactional, reads the table, returns the
 * entity.
 */
@RestController
public class OrderController {

  @Autowired OrderRepository orders;

  @Autowired BillingService billing;

  @GetMapping
  @Transactional
  public Order get(UUID id) {
    billing.bill(id);
    return orders.findById(id);
  }
}
