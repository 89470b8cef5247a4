package io.mcpmanager.kit.outbound;

import java.io.Closeable;
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

  /**
   * A client for several requests to one checked target (one resolution, reused connections): each
   * request goes to the target's checked addresses, whatever DNS says in between, and a request for
   * another host fails. The caller closes it.
   *
   * @param maxBody the largest response body accepted, per response
   * @param trust pinned trust anchors, or {@code null} for the JVM's default trust store
   */
  public PinnedClient pinned(CheckedTarget target, DataSize maxBody, @Nullable SSLContext trust) {
    CloseableHttpClient client = clientFor(target, trust);
    return new PinnedClient(client, readTimeoutFactory(client), maxBody.toBytes());
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
      return new Request(
          readTimeoutFactory(client).createRequest(uri, method), client, client, maxBody);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private HttpComponentsClientHttpRequestFactory readTimeoutFactory(CloseableHttpClient client) {
    HttpComponentsClientHttpRequestFactory factory =
        new HttpComponentsClientHttpRequestFactory(client);
    factory.setReadTimeout(guard.properties().readTimeout());
    return factory;
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

  /**
   * Several requests to one checked target on one client ({@link #pinned}); closing it closes the
   * connections.
   */
  public static final class PinnedClient implements ClientHttpRequestFactory, Closeable {

    private final CloseableHttpClient client;
    private final ClientHttpRequestFactory factory;
    private final long maxBody;

    private PinnedClient(
        CloseableHttpClient client, ClientHttpRequestFactory factory, long maxBody) {
      this.client = client;
      this.factory = factory;
      this.maxBody = maxBody;
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod method) throws IOException {
      // The client stays open for the next request; a response only gives its connection back.
      return new Request(factory.createRequest(uri, method), () -> {}, client, maxBody);
    }

    @Override
    public void close() throws IOException {
      client.close();
    }
  }

  private static final class Request implements ClientHttpRequest {

    private final ClientHttpRequest delegate;
    private final Closeable release;
    private final Closeable abort;
    private final long maxBody;

    /**
     * @param release what to close with the response (a one-request client), or on failure
     * @param abort what drops the connection of a response whose body was not read to its end
     */
    Request(ClientHttpRequest delegate, Closeable release, Closeable abort, long maxBody) {
      this.delegate = delegate;
      this.release = release;
      this.abort = abort;
      this.maxBody = maxBody;
    }

    @Override
    public ClientHttpResponse execute() throws IOException {
      try {
        return new Response(delegate.execute(), release, abort, maxBody);
      } catch (IOException | RuntimeException e) {
        release.close();
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
    private final Closeable release;
    private final Closeable abort;
    private final long maxBody;
    private @Nullable CappedInputStream body;

    Response(ClientHttpResponse delegate, Closeable release, Closeable abort, long maxBody) {
      this.delegate = delegate;
      this.release = release;
      this.abort = abort;
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
      boolean unread = body == null ? delegate.getHeaders().getContentLength() != 0 : !body.ended();
      if (unread) {
        // Closing would read the rest of the body to reuse the connection: an oversized or endless
        // body is never read to its end, so its connection is dropped instead.
        try {
          abort.close();
        } catch (IOException ignored) {
          // the connection is gone either way
        }
      }
      try {
        delegate.close();
      } finally {
        try {
          release.close();
        } catch (IOException ignored) {
          // the connection is gone either way
        }
      }
    }
  }
}
