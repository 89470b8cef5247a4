package io.mcpmanager.integration.provider;

import io.mcpmanager.integration.catalog.IntegrationType;
import java.util.List;
import org.springframework.stereotype.Component;

/** Gmail: the token must carry a Gmail scope. */
@Component
class GmailValidator extends GoogleTokenValidator {

  @Override
  public IntegrationType type() {
    return IntegrationType.GMAIL;
  }

  @Override
  List<String> requiredScopePrefixes() {
    return List.of("https://www.googleapis.com/auth/gmail.", "https://mail.google.com/");
  }
}
