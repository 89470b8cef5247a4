package io.mcpmanager.kit.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

/**
 * HTTP for user-influenced destinations. Every request is checked by the {@link OutboundGuard}
 * first; its connection (Apache HttpClient 5, one client per request) is opened to the checked
 * addresses only, through a DNS resolver that answers with them and nothing else, while TLS SNI,
 * certificate verification and the Host header keep the URL's name. Redirects are never followed (a
 * 3xx is handed back as it is) and a response body over the cap fails with {@link
 * BodyTooLargeException} rather than being used in part.
 */
public final class OutboundHttp {

  private final OutboundGuard guard;

  public OutboundHttp(OutboundGuard guard) {
    this.guard = guard;
  }

  public OutboundGuard guard() {
    return guard;
  }

  /** A request factory with the configured body cap and the JVM's trust store. */
  public ClientHttpRequestFactory requestFactory() {
    return requestFactory(guard.properties().maxBodySize(), null);
  }

  /**
   * @param maxBody the largest response body accepted
   * @param trust pinned trust anchors, or {@code null} for the JVM's default trust store
   */
  public ClientHttpRequestFactory requestFactory(DataSize maxBody, @Nullable SSLContext trust) {
    return (uri, method) -> create(uri, method, maxBody.toBytes(), trust);
  }

  /** A {@link RestClient} builder on {@link #requestFactory()}. */
  public RestClient.Builder restClient() {
    return RestClient.builder().requestFactory(requestFactory());
  }

  private ClientHttpRequest create(
      URI uri, HttpMethod method, long maxBody, @Nullable SSLContext trust) throws IOException {
    CheckedTarget target = guard.check(uri);
    CloseableHttpClient client = clientFor(target, trust);
    try {
      HttpComponentsClientHttpRequestFactory factory =
          new HttpComponentsClientHttpRequestFactory(client);
      factory.setReadTimeout(guard.properties().readTimeout());
      return new Request(factory.createRequest(uri, method), client, maxBody);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private CloseableHttpClient clientFor(CheckedTarget target, @Nullable SSLContext trust) {
    OutboundProperties properties = guard.properties();
    PoolingHttpClientConnectionManagerBuilder connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new PinnedResolver(target))
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                    .setSocketTimeout(Timeout.of(properties.readTimeout()))
                    .build());
    if (trust != null) {
      connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(trust));
    }
    return HttpClients.custom()
        .setConnectionManager(connections.build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).build())
        .build();
  }

  /** Answers for the checked host with the checked addresses; any other name is unknown. */
  private record PinnedResolver(CheckedTarget target) implements DnsResolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      if (!bare.equalsIgnoreCase(target.host())) {
        throw new UnknownHostException("not the checked host");
      }
      return target.addresses().toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
      return host;
    }
  }

  private static final class Request implements ClientHttpRequest {

    private final ClientHttpRequest delegate;
    private final CloseableHttpClient client;
    private final long maxBody;

    Request(ClientHttpRequest delegate, CloseableHttpClient client, long maxBody) {
      this.delegate = delegate;
      this.client = client;
      this.maxBody = maxBody;
    }

    @Override
    public ClientHttpResponse execute() throws IOException {
      try {
        return new Response(delegate.execute(), client, maxBody);
      } catch (IOException | RuntimeException e) {
        client.close();
        throw e;
      }
    }

    @Override
    public OutputStream getBody() throws IOException {
      return delegate.getBody();
    }

    @Override
    public HttpMethod getMethod() {
      return delegate.getMethod();
    }

    @Override
    public URI getURI() {
      return delegate.getURI();
    }

    @Override
    public Map<String, Object> getAttributes() {
      return delegate.getAttributes();
    }

    @Override
    public HttpHeaders getHeaders() {
      return delegate.getHeaders();
    }
  }

  private static final class Response implements ClientHttpResponse {

    private final ClientHttpResponse delegate;
    private final CloseableHttpClient client;
    private final long maxBody;
    private @Nullable InputStream body;

    Response(ClientHttpResponse delegate, CloseableHttpClient client, long maxBody) {
      this.delegate = delegate;
      this.client = client;
      this.maxBody = maxBody;
    }

    @Override
    public HttpStatusCode getStatusCode() throws IOException {
      return delegate.getStatusCode();
    }

    @Override
    public String getStatusText() throws IOException {
      return delegate.getStatusText();
    }

    @Override
    public HttpHeaders getHeaders() {
      return delegate.getHeaders();
    }

    @Override
    public InputStream getBody() throws IOException {
      if (body == null) {
        long declared = delegate.getHeaders().getContentLength();
        if (declared > maxBody) {
          throw new BodyTooLargeException(maxBody);
        }
        body = new CappedInputStream(delegate.getBody(), maxBody);
      }
      return body;
    }

    @Override
    public void close() {
      try {
        delegate.close();
      } finally {
        try {
          client.close();
        } catch (IOException ignored) {
          // the connection is gone either way
        }
      }
    }
  }
}
