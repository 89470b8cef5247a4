package io.mcpmanager.auth.login;

import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** Where a login without a pending authorization request lands: who is signed in, and sign-out. */
@RestController
class HomeController {

  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  String home(Principal principal, CsrfToken csrf) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>MCP Manager sign-in</title></head><body>"
        + "<p>Signed in as <strong>"
        + HtmlUtils.htmlEscape(principal.getName())
        + "</strong>.</p>"
        + "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\""
        + HtmlUtils.htmlEscape(csrf.getParameterName())
        + "\" value=\""
        + HtmlUtils.htmlEscape(csrf.getToken())
        + "\"><button type=\"submit\">Sign out</button></form></body></html>";
  }
}
