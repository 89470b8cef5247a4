package io.mcpmanager.mcp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.mcpmanager.testsupport.architecture.HouseRules;

/**
 * The house rules, and this service's own: signing only in the keys feature, the registry knows no
 * feature on it.
 */
@AnalyzeClasses(
    packages = "io.mcpmanager.mcp",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest static final ArchTests houseRules = ArchTests.in(HouseRules.class);

  @ArchTest
  static final ArchRule onlyTheKeysFeatureTalksToTheVaultSigner =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.mcpmanager.mcp.keys..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("io.mcpmanager.kit.secrets.TransitSigner");

  @ArchTest
  static final ArchRule theRegistryKnowsNotTheFeaturesBuiltOnIt =
      noClasses()
          .that()
          .resideInAPackage("io.mcpmanager.mcp.server..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mcpmanager.mcp.broker..",
              "io.mcpmanager.mcp.health..",
              "io.mcpmanager.mcp.integration..");
}
