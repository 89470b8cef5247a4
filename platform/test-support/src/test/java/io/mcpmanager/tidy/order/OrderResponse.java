package io.mcpmanager.tidy.order;

import java.util.UUID;

public record OrderResponse(UUID id) {

  static OrderResponse from(Order order) {
    return new OrderResponse(order.id());
  }
}
