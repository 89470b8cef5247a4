package io.mcpmanager.mcp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Package rules: features by package, no cycles, signing only in the keys feature, thin controllers. */
class ArchitectureTests {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.mcpmanager.mcp");

  @Test
  void featuresShouldNotDependOnEachOtherInCycles() {
    SlicesRuleDefinition.slices().matching("io.mcpmanager.mcp.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheKeysFeatureShouldTalkToTheVaultSigner() {
    noClasses().that().resideOutsideOfPackages("io.mcpmanager.mcp.keys..")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.mcpmanager.kit.secrets.TransitSigner")
        .check(CLASSES);
  }

  @Test
  void controllersShouldNotUseRepositories() {
    noClasses().that().areAnnotatedWith(RestController.class)
        .should().dependOnClassesThat().areAssignableTo(Repository.class).check(CLASSES);
  }

  @Test
  void theRegistryShouldNotKnowTheFeaturesBuiltOnIt() {
    noClasses().that().resideInAPackage("io.mcpmanager.mcp.server..")
        .should().dependOnClassesThat().resideInAnyPackage("io.mcpmanager.mcp.broker..",
            "io.mcpmanager.mcp.health..", "io.mcpmanager.mcp.integration..")
        .check(CLASSES);
  }
}
