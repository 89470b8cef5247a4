package io.mcpmanager.integration.catalog;

import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the catalogue of integration types to the frontend. */
@RestController
class IntegrationTypeController {

  @GetMapping("/api/integrations/types")
  List<IntegrationTypeResponse> types() {
    return Arrays.stream(IntegrationType.values()).map(IntegrationTypeResponse::from).toList();
  }
}
