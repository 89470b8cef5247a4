package io.mcpmanager.kit;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal service built on the kit, for the kit's own tests; its parts live in {@code fixture}.
 */
@SpringBootApplication(scanBasePackages = "io.mcpmanager.kit.fixture")
public class KitFixtureApplication {}
