package io.mcpmanager.sample.billing;

import io.mcpmanager.sample.order.Order;
import io.mcpmanager.sample.order.OrderRepository;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * Fixture for HouseRulesTests: reads another feature's table (a cycle with it) and answers in HTTP
 * terms.
 */
@Service
public class BillingService {

  private final OrderRepository orders;

  BillingService(OrderRepository orders) {
    this.orders = orders;
  }

  public ResponseEntity<String> bill(UUID orderId) {
    Order order = orders.findById(orderId);
    System.out.println("billing " + order);
    return ResponseEntity.ok("billed");
  }
}
