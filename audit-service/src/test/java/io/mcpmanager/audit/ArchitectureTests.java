package io.mcpmanager.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

/** Package rules: the trail knows nothing of its consumers; controllers stay thin. */
@AnalyzeClasses(packages = "io.mcpmanager.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest
  static final ArchRule trailDependsOnNoFeature = noClasses().that().resideInAPackage("..audit.trail..")
      .should().dependOnClassesThat().resideInAnyPackage("..audit.ingest..", "..audit.query..",
          "..audit.verify..", "..audit.retention..");

  @ArchTest
  static final ArchRule ingestIsNotReachableFromTheApi = noClasses()
      .that().resideInAnyPackage("..audit.query..", "..audit.verify..")
      .should().dependOnClassesThat().resideInAPackage("..audit.ingest..");

  @ArchTest
  static final ArchRule controllersDoNotTouchTheDatabase = noClasses()
      .that().areAnnotatedWith(RestController.class)
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");
}
