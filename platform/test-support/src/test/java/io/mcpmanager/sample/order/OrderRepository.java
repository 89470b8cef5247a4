package io.mcpmanager.sample.order;

import java.util.UUID;
import org.springframework.data.repository.Repository;

public interface OrderRepository extends Repository<Order, UUID> {

  Order findById(UUID id);
}
