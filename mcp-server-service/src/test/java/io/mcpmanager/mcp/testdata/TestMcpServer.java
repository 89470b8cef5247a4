package io.mcpmanager.mcp.testdata;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * A real MCP server built with the official Java SDK (Streamable HTTP servlet transport in an
 * embedded Tomcat on a random port). Before a request reaches the transport it verifies the
 * manager's JWT against the manager's public JWKS endpoint (fetched on every request, no cache, so
 * rotations and retirements are seen at once), like a real server would.
 */
public final class TestMcpServer {

  public static final String ISSUER = "mcp-manager";
  public static final List<String> TOOLS = List.of("search_notes", "create_page");
  private static TestMcpServer shared;

  private final Tomcat tomcat;
  private final McpSyncServer server;
  private final int port;
  private final int tlsPort;
  private final TestCertificates.Generated certificate;
  private final AtomicInteger refused = new AtomicInteger();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile String managerBaseUrl;

  private TestMcpServer() throws Exception {
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder().mcpEndpoint("/mcp").build();
    McpServer.SyncSpecification<?> spec =
        McpServer.sync(transport)
            .serverInfo("test-notes-server", "1.2.3")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build());
    for (String name : TOOLS) {
      spec.tools(
          SyncToolSpecification.builder()
              .tool(
                  McpSchema.Tool.builder()
                      .name(name)
                      .description("test tool " + name)
                      .inputSchema(Map.of("type", "object"))
                      .build())
              .callHandler(
                  (exchange, request) ->
                      McpSchema.CallToolResult.builder().addTextContent("ok").build())
              .build());
    }
    this.server = spec.build();
    this.tomcat = new Tomcat();
    File base =
        new File(System.getProperty("java.io.tmpdir"), "test-mcp-tomcat-" + System.nanoTime());
    tomcat.setBaseDir(base.getAbsolutePath());
    tomcat.setPort(0);
    tomcat.getConnector();
    Context context = tomcat.addContext("", base.getAbsolutePath());
    Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
    context.addServletMappingDecoded("/mcp", "mcp");
    FilterDef filter = new FilterDef();
    filter.setFilterName("manager-jwt");
    filter.setFilter(
        (Filter)
            (request, response, chain) -> {
              if (accepts((HttpServletRequest) request)) {
                chain.doFilter(request, response);
              } else {
                refused.incrementAndGet();
                ((HttpServletResponse) response)
                    .setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                ((HttpServletResponse) response).sendError(401);
              }
            });
    filter.setAsyncSupported("true");
    context.addFilterDef(filter);
    FilterMap map = new FilterMap();
    map.setFilterName("manager-jwt");
    map.addURLPattern("/*");
    context.addFilterMap(map);
    this.certificate = TestCertificates.selfSigned("ip:127.0.0.1,dns:localhost", null, 30, false);
    Connector https = new Connector();
    https.setPort(0);
    https.setSecure(true);
    https.setScheme("https");
    https.setProperty("SSLEnabled", "true");
    SSLHostConfig ssl = new SSLHostConfig();
    SSLHostConfigCertificate serverCertificate =
        new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
    serverCertificate.setCertificateKeystoreFile(certificate.keyStore().toString());
    serverCertificate.setCertificateKeystorePassword(TestCertificates.PASSWORD);
    serverCertificate.setCertificateKeystoreType("PKCS12");
    ssl.addCertificate(serverCertificate);
    https.addSslHostConfig(ssl);
    tomcat.getService().addConnector(https);
    tomcat.start();
    this.port = tomcat.getConnector().getLocalPort();
    this.tlsPort = https.getLocalPort();
  }

  public static synchronized TestMcpServer shared() {
    if (shared == null) {
      try {
        shared = new TestMcpServer();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the test MCP server", e);
      }
    }
    return shared;
  }

  /** Where the manager publishes its JWKS (the manager's base URL). */
  public TestMcpServer trustManagerAt(String baseUrl) {
    this.managerBaseUrl = baseUrl;
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/mcp";
  }

  /** The same server over TLS with a self-signed certificate for 127.0.0.1 and localhost. */
  public String httpsUrl() {
    return "https://127.0.0.1:" + tlsPort + "/mcp";
  }

  /** The self-signed certificate of {@link #httpsUrl()}, as PEM. */
  public String certificatePem() {
    return certificate.pem();
  }

  public int refusedRequests() {
    return refused.get();
  }

  /** Sends an MCP initialize request with {@code token} as bearer; returns the HTTP status. */
  public int initializeWith(String token) throws Exception {
    String body =
        """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
         "capabilities":{},"clientInfo":{"name":"probe","version":"1"}}}""";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url()))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private boolean accepts(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ") || managerBaseUrl == null) {
      return false;
    }
    try {
      SignedJWT jwt = SignedJWT.parse(header.substring(7));
      String kid = jwt.getHeader().getKeyID();
      if (!JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm())
          || kid == null
          || !kid.contains(":v")) {
        return false;
      }
      String serverId = kid.substring(0, kid.indexOf(":v"));
      HttpResponse<String> jwks =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          managerBaseUrl
                              + "/api/mcp/servers/"
                              + serverId
                              + "/.well-known/jwks.json"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (jwks.statusCode() != 200) {
        return false;
      }
      JWK key = JWKSet.parse(jwks.body()).getKeyByKeyId(kid);
      if (!(key instanceof OctetKeyPair okp)) {
        return false;
      }
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(ed25519(okp.getDecodedX()));
      verifier.update(jwt.getSigningInput());
      if (!verifier.verify(jwt.getSignature().decode())) {
        return false;
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Instant now = Instant.now();
      Instant exp = claims.getExpirationTime().toInstant();
      return ISSUER.equals(claims.getIssuer())
          && (claims.getAudience().contains(url()) || claims.getAudience().contains(httpsUrl()))
          && exp.isAfter(now)
          && !exp.isAfter(now.plus(Duration.ofMinutes(5)).plusSeconds(5));
    } catch (Exception e) {
      return false;
    }
  }

  static PublicKey ed25519(byte[] raw) throws Exception {
    byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
    byte[] spki = new byte[prefix.length + raw.length];
    System.arraycopy(prefix, 0, spki, 0, prefix.length);
    System.arraycopy(raw, 0, spki, prefix.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }
}
