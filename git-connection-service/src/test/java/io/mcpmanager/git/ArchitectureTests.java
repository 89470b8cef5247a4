package io.mcpmanager.git;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.mcpmanager.testsupport.architecture.HouseRules;

/** The house rules, and this service's own: providers stay neutral. */
@AnalyzeClasses(
    packages = "io.mcpmanager.git",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest static final ArchTests houseRules = ArchTests.in(HouseRules.class);

  @ArchTest
  static final ArchRule providersKnowNothingOfConnectionsOrTokens =
      noClasses()
          .that()
          .resideInAPackage("io.mcpmanager.git.provider..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.mcpmanager.git.connection..",
              "io.mcpmanager.git.token..",
              "io.mcpmanager.git.repos..",
              "io.mcpmanager.git.revocation..",
              "io.mcpmanager.git.oauth..");
}
