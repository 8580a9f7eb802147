package dev.sentry4j.mdc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * This adapter uses only sentry-core's user API and SPI, never {@code dev.sentry4j.internal..},
 * knows no other adapter, and its packages have no cycle. (sentry-core's own rules: {@code
 * dev.sentry4j.ArchitectureTest}.)
 */
class AdapterArchitectureTest {
  private static final JavaClasses ADAPTER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("dev.sentry4j.mdc");

  @Test
  void usesNoInternalPackageOfTheCore() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sentry4j.internal..")
        .check(ADAPTER);
  }

  @Test
  void knowsNoOtherAdapter() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.sentry4j.logback..", "dev.sentry4j.log4j2..", "dev.sentry4j.jul..")
        .check(ADAPTER);
  }

  @Test
  void hasNoPackageCycle() {
    slices()
        .matching("dev.sentry4j.(**)")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(ADAPTER);
  }
}
