package io.mcpmanager.tidy.billing;

import io.mcpmanager.tidy.order.OrderService;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Fixture for HouseRulesTests: another feature asks the order feature's service, never its
 * repository.
 */
@Service
public class BillingService {

  private final OrderService orders;

  BillingService(OrderService orders) {
    this.orders = orders;
  }

  public boolean billable(UUID orderId) {
    return orders.find(orderId).isPresent();
  }
}
