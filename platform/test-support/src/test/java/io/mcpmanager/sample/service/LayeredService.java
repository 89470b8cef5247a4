package io.mcpmanager.sample.service;

import java.util.logging.Logger;

/** Fixture for HouseRulesTests: a layer package, logging through java.util.logging. */
public class LayeredService {

  private static final Logger LOG = Logger.getLogger(LayeredService.class.getName());

  void work() {
    LOG.info("working");
  }
}
