package io.mcpmanager.tidy.order;

import io.mcpmanager.tidy.config.TidyProperties;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Fixture for HouseRulesTests: a service may call a provider over HTTP; that is not the web layer.
 */
@Service
public class OrderService {

  private final OrderRepository orders;
  private final RestClient provider;
  private final TidyProperties properties;

  OrderService(OrderRepository orders, RestClient provider, TidyProperties properties) {
    this.orders = orders;
    this.provider = provider;
    this.properties = properties;
  }

  @Transactional(readOnly = true)
  public Optional<OrderResponse> find(UUID id) {
    provider
        .get()
        .uri(UriComponentsBuilder.fromUri(properties.providerUrl()).build().toUri())
        .retrieve();
    return orders.findById(id).map(OrderResponse::from);
  }
}
