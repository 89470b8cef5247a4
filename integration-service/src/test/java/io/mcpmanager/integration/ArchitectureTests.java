package io.mcpmanager.integration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Package and layering rules of the house style, kept true by the build. */
@AnalyzeClasses(packages = "io.mcpmanager.integration", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest
  static final ArchRule controllersDoNotTouchRepositories = noClasses()
      .that().areAnnotatedWith(RestController.class)
      .should().dependOnClassesThat().areAssignableTo(Repository.class);

  @ArchTest
  static final ArchRule controllersAreNotPublic = classes()
      .that().areAnnotatedWith(RestController.class).should().notBePublic();

  @ArchTest
  static final ArchRule noLayerPackages = noClasses()
      .should().resideInAnyPackage("..controller..", "..service..", "..repository..");

  @ArchTest
  static final ArchRule providerAdaptersStayOutOfTheWebLayer = noClasses()
      .that().resideInAPackage("..provider..")
      .should().dependOnClassesThat().resideInAnyPackage("..broker..", "..policy..");
}
