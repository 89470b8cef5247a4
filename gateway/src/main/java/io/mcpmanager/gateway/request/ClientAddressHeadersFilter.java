package io.mcpmanager.gateway.request;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells services who called (they record it in audit events) in {@code X-Forwarded-For} and {@code
 * X-Forwarded-Proto}. Spring Cloud Gateway has already dropped every forwarding header the caller
 * sent; this sets the gateway's own: the one client address {@link ClientAddresses} resolved (the
 * peer, or what a trusted proxy reported), and the scheme a trusted proxy reported or the gateway's
 * own. A caller cannot choose what a service sees.
 */
@Component
public class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

  static final String X_FORWARDED_FOR = "X-Forwarded-For";

  static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

  private final ClientAddresses addresses;

  public ClientAddressHeadersFilter(ClientAddresses addresses) {
    this.addresses = addresses;
  }

  @Override
  public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    String peer = ClientAddresses.peer(request);
    String client = addresses.client(request);
    if (peer == null || client == null) {
      return input;
    }
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(input);
    headers.set(X_FORWARDED_FOR, client);
    String reportedProto =
        addresses.isTrustedProxy(peer) ? request.getHeaders().getFirst(X_FORWARDED_PROTO) : null;
    headers.set(
        X_FORWARDED_PROTO,
        "https".equals(reportedProto) || "http".equals(reportedProto)
            ? reportedProto
            : request.getURI().getScheme());
    return headers;
  }

  @Override
  public boolean supports(Type type) {
    return type == Type.REQUEST;
  }

  /** After Spring Cloud Gateway's filters that remove the caller's forwarding headers (order 0). */
  @Override
  public int getOrder() {
    return 100;
  }
}
