package io.mcpmanager.auth;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.mcpmanager.testsupport.architecture.HouseRules;

/** The house rules, kept true by the build. */
@AnalyzeClasses(
    packages = "io.mcpmanager.auth",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest static final ArchTests houseRules = ArchTests.in(HouseRules.class);
}
