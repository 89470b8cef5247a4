package io.mcpmanager.auth.device;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The device flow's verification page ({@code verification_uri}): the signed-in user types the code
 * a CLI shows; the code goes to the authorization server's verification endpoint.
 */
@RestController
class DeviceActivationController {

  @GetMapping(value = "/activate", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> activate(
      @RequestParam(name = "user_code", required = false) @Nullable String userCode) {
    if (userCode != null && !userCode.isBlank()) {
      return ResponseEntity.status(HttpStatus.FOUND)
          .location(
              UriComponentsBuilder.fromPath("/oauth2/device_verification")
                  .queryParam("user_code", userCode)
                  .encode()
                  .build()
                  .toUri())
          .build();
    }
    return ResponseEntity.ok(
        page(
            "Activate a device",
            """
        <form method="get" action="/activate">
          <label for="user_code">Code shown by your device</label>
          <input id="user_code" name="user_code" autocomplete="off" autofocus required>
          <button type="submit">Continue</button>
        </form>"""));
  }

  @GetMapping(value = "/activated", produces = MediaType.TEXT_HTML_VALUE)
  String activated() {
    return page("Device activated", "<p>You may close this window and return to your device.</p>");
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
        + HtmlUtils.htmlEscape(title)
        + "</title></head><body><h1>"
        + HtmlUtils.htmlEscape(title)
        + "</h1>"
        + body
        + "</body></html>";
  }
}
