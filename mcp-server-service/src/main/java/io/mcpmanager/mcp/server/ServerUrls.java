package io.mcpmanager.mcp.server;

import io.mcpmanager.kit.outbound.OutboundGuard;
import io.mcpmanager.kit.outbound.OutboundRefusedException;
import java.net.URI;
import org.springframework.stereotype.Component;

/**
 * Judges MCP server URLs with the platform's one outbound guard ({@code mcpm.outbound.*}: https
 * only, every internal range refused unless the operator re-admits it, metadata never). A refusal
 * keeps this API's problem ({@code 400 unsafe-url}, {@code field: url}) with the guard's reason and
 * detail.
 */
@Component
class ServerUrls {

  private final OutboundGuard guard;

  ServerUrls(OutboundGuard guard) {
    this.guard = guard;
  }

  URI check(String url) {
    try {
      return guard.check(url).uri();
    } catch (OutboundRefusedException refused) {
      throw InvalidServerException.url(refused.reason(), refused.detail());
    }
  }
}
