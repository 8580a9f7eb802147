package dev.sentry4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of sentry-core, checked on its compiled main classes: no package cycles; the user
 * API and the SPI ({@code dev.sentry4j}, {@code .event}, {@code .scope}, {@code .tracing}, {@code
 * .logs}, {@code .options}, {@code .client}, {@code .clientreport}, {@code .spi..}) do not expose
 * internal types in public signatures; core knows no adapter and no logging framework; the
 * transport does not log through the logging SPI. Each adapter module has its own rule ({@code
 * AdapterArchitectureTest}). {@code java tools/PackageGraph.java} prints the same package graph
 * from the sources.
 */
class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.sentry4j");
  }

  @Test
  void corePackagesAreFreeOfCycles() {
    slices().matching("(**)").should().beFreeOfCycles().check(core);
  }

  @Test
  void coreKnowsNoAdapterAndNoLoggingFramework() {
    noClasses()
        .that()
        // the one exception: it turns the JDK HTTP client's own JUL debug logger off (issue #17)
        .doNotHaveFullyQualifiedName("dev.sentry4j.internal.transport.JdkClientLogging")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.sentry4j.logback..",
            "dev.sentry4j.log4j2..",
            "dev.sentry4j.jul..",
            "dev.sentry4j.mdc..",
            "ch.qos.logback..",
            "org.apache.logging..",
            "org.slf4j..",
            "java.util.logging..",
            "org.apache.commons.logging..")
        .check(core);
  }

  @Test
  void theTransportDoesNotLogThroughTheLoggingSpi() {
    noClasses()
        .that()
        .resideInAPackage("dev.sentry4j.internal.transport..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.sentry4j.spi.logging..", "dev.sentry4j.logs..")
        .check(core);
  }

  @Test
  void internalPackagesAreNotUsedByTheSpiPackagesAdaptersSeeInTheirSignatures() {
    classes()
        .that()
        .resideOutsideOfPackage("dev.sentry4j.internal..")
        .and()
        .arePublic()
        .should(notExposeInternalTypesInPublicMembers())
        .check(core);
  }

  private static ArchCondition<JavaClass> notExposeInternalTypesInPublicMembers() {
    return new ArchCondition<>("not expose dev.sentry4j.internal types in public members") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        List<JavaMember> members = new ArrayList<>();
        members.addAll(type.getMethods());
        members.addAll(type.getConstructors());
        members.addAll(type.getFields());
        for (JavaMember m : members) {
          if (!m.getModifiers().contains(JavaModifier.PUBLIC)
              && !m.getModifiers().contains(JavaModifier.PROTECTED)) {
            continue;
          }
          List<JavaClass> mentioned = new ArrayList<>();
          if (m instanceof JavaMethod) {
            mentioned.add(((JavaMethod) m).getRawReturnType());
          }
          if (m instanceof com.tngtech.archunit.core.domain.JavaCodeUnit) {
            mentioned.addAll(
                ((com.tngtech.archunit.core.domain.JavaCodeUnit) m).getRawParameterTypes());
          }
          if (m instanceof com.tngtech.archunit.core.domain.JavaField) {
            mentioned.add(((com.tngtech.archunit.core.domain.JavaField) m).getRawType());
          }
          for (JavaClass c : mentioned) {
            if (INTERNAL.test(c)) {
              events.add(
                  SimpleConditionEvent.violated(
                      m, m.getFullName() + " exposes internal type " + c.getName()));
            }
          }
        }
      }
    };
  }

  private static final DescribedPredicate<JavaClass> INTERNAL =
      DescribedPredicate.describe(
          "internal", c -> c.getPackageName().startsWith("dev.sentry4j.internal"));
}
