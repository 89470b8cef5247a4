package io.mcpmanager.gateway.request;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells services who called (they record it in audit events) in {@code X-Forwarded-For} and {@code
 * X-Forwarded-Proto}. Spring Cloud Gateway has already dropped every forwarding header the caller
 * sent; this adds the gateway's own: the peer address, preceded by the chain a trusted proxy (see
 * {@code mcpm.gateway.request.trusted-proxies}) reported. A caller cannot choose what a service
 * sees.
 */
@Component
public class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

  static final String X_FORWARDED_FOR = "X-Forwarded-For";

  static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

  private final @Nullable Pattern trustedProxies;

  public ClientAddressHeadersFilter(RequestProperties properties) {
    this.trustedProxies =
        StringUtils.hasText(properties.trustedProxies())
            ? Pattern.compile(properties.trustedProxies())
            : null;
  }

  @Override
  public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    String peer = peerAddress(request);
    if (peer == null) {
      return input;
    }
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(input);
    HttpHeaders original = request.getHeaders();
    boolean fromTrustedProxy = trustedProxies != null && trustedProxies.matcher(peer).matches();
    String reportedChain =
        fromTrustedProxy ? String.join(", ", original.getValuesAsList(X_FORWARDED_FOR)) : "";
    headers.set(X_FORWARDED_FOR, reportedChain.isEmpty() ? peer : reportedChain + ", " + peer);
    String reportedProto = fromTrustedProxy ? original.getFirst(X_FORWARDED_PROTO) : null;
    headers.set(
        X_FORWARDED_PROTO,
        StringUtils.hasText(reportedProto) ? reportedProto : request.getURI().getScheme());
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

  private static @Nullable String peerAddress(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null) {
      return null;
    }
    return remote.getAddress() != null
        ? remote.getAddress().getHostAddress()
        : remote.getHostString();
  }
}
