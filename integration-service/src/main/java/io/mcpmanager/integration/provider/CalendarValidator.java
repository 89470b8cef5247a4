package io.mcpmanager.integration.provider;

import io.mcpmanager.integration.catalog.IntegrationType;
import java.util.List;
import org.springframework.stereotype.Component;

/** Google Calendar: the token must carry a Calendar scope. */
@Component
class CalendarValidator extends GoogleTokenValidator {

  @Override
  public IntegrationType type() {
    return IntegrationType.CALENDAR;
  }

  @Override
  List<String> requiredScopePrefixes() {
    return List.of("https://www.googleapis.com/auth/calendar");
  }
}
