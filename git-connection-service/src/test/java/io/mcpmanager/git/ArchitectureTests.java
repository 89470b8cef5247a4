package io.mcpmanager.git;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package-by-feature rules: no cycles between features, thin controllers, providers stay neutral. */
@AnalyzeClasses(packages = "io.mcpmanager.git", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest
  static final ArchRule featuresAreFreeOfCycles = slices().matching("io.mcpmanager.git.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule controllersDoNotTouchRepositories = noClasses().that().haveSimpleNameEndingWith("Controller")
      .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository");

  @ArchTest
  static final ArchRule providersKnowNothingOfConnectionsOrTokens = noClasses()
      .that().resideInAPackage("io.mcpmanager.git.provider..")
      .should().dependOnClassesThat().resideInAnyPackage("io.mcpmanager.git.connection..", "io.mcpmanager.git.token..",
          "io.mcpmanager.git.repository..", "io.mcpmanager.git.revocation..", "io.mcpmanager.git.oauth..");
}
