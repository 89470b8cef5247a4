package io.mcpmanager.integration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.mcpmanager.testsupport.architecture.HouseRules;

/**
 * The house rules, and this service's own: provider adapters know nothing of brokering or policies.
 */
@AnalyzeClasses(
    packages = "io.mcpmanager.integration",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest static final ArchTests houseRules = ArchTests.in(HouseRules.class);

  @ArchTest
  static final ArchRule providerAdaptersStayOutOfTheWebLayer =
      noClasses()
          .that()
          .resideInAPackage("..provider..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..broker..", "..policy..");
}
