package io.mcpmanager.mcp.server;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/** One page of a list: the items and where they sit in the whole. */
public record PageResponse<T>(
    List<T> items, int page, int size, long totalElements, int totalPages) {

  public static <E, T> PageResponse<T> from(Page<E> page, Function<E, T> mapper) {
    return new PageResponse<>(
        page.getContent().stream().map(mapper).toList(),
        page.getNumber(),
        page.getSize(),
        page.getTotalElements(),
        page.getTotalPages());
  }
}
