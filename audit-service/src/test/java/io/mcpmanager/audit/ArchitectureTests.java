package io.mcpmanager.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.mcpmanager.testsupport.architecture.HouseRules;

/** The house rules, and the audit trail's own: the trail knows nothing of its consumers. */
@AnalyzeClasses(
    packages = "io.mcpmanager.audit",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest static final ArchTests houseRules = ArchTests.in(HouseRules.class);

  @ArchTest
  static final ArchRule trailDependsOnNoFeature =
      noClasses()
          .that()
          .resideInAPackage("..audit.trail..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..audit.ingest..", "..audit.query..", "..audit.verify..", "..audit.retention..");

  @ArchTest
  static final ArchRule ingestIsNotReachableFromTheApi =
      noClasses()
          .that()
          .resideInAnyPackage("..audit.query..", "..audit.verify..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..audit.ingest..");
}
