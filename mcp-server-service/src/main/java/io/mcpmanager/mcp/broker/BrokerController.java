package io.mcpmanager.mcp.broker;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Credential brokering for MCP servers. Public at the Spring Security level: the caller is not a
 * user but a server, authenticated by {@code Authorization: Bearer <JWT signed with its own key>}.
 */
@RestController
class BrokerController {

  private static final String BEARER = "Bearer ";

  private final BrokerService broker;

  BrokerController(BrokerService broker) {
    this.broker = broker;
  }

  @PostMapping("/api/mcp/broker/credentials")
  ResponseEntity<BrokerResponse> credentials(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
          @Nullable String authorization,
      @Valid @RequestBody BrokerRequest request,
      HttpServletRequest http) {
    String token =
        authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? authorization.substring(BEARER.length()).strip()
            : null;
    BrokerResponse credential =
        broker.broker(
            token,
            request,
            new BrokerService.Caller(http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT)));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.PRAGMA, "no-cache")
        .body(credential);
  }
}
