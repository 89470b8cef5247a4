package io.mcpmanager.tidy.order;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

interface OrderRepository extends Repository<Order, UUID> {

  Optional<Order> findById(UUID id);
}
