package io.mcpmanager.testsupport.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The house rules of STYLE.md every service keeps, as ArchUnit rules. A service applies all of them
 * with {@code @ArchTest static final ArchTests houseRules = ArchTests.in(HouseRules.class);} in its
 * {@code ArchitectureTests} and keeps its own rules (which feature may know which) next to that
 * line.
 *
 * <p>Packages follow {@code io.mcpmanager.<service>.<feature>..}; a class's feature is the first
 * package below its service's root, so no rule needs the root as a parameter. Types are named by
 * string, not by class literal, so the rules also run where Spring MVC, JPA or Spring Data are not
 * on the class path (the WebFlux gateway). Rules about a kind of class (controllers, entities)
 * allow a service without any.
 */
public final class HouseRules {

  private static final Pattern FEATURE = Pattern.compile("^io\\.mcpmanager\\.[^.]+(\\.[^.]+)?");

  private static final DescribedPredicate<JavaClass> CONTROLLERS =
      simpleNameEndingWith("Controller")
          .or(metaAnnotatedWith("org.springframework.stereotype.Controller"))
          .as("controllers");

  private static final DescribedPredicate<JavaClass> ENTITIES =
      annotatedWith("jakarta.persistence.Entity").<JavaClass>forSubtype().as("JPA entities");

  private static final DescribedPredicate<JavaClass> REPOSITORIES =
      assignableTo("org.springframework.data.repository.Repository")
          .or(annotatedWith("org.springframework.stereotype.Repository"))
          .as("repositories");

  private static final DescribedPredicate<JavaClass> DOMAIN_SERVICES =
      simpleNameEndingWith("Service")
          .or(annotatedWith("org.springframework.stereotype.Service"))
          .and(not(CONTROLLERS))
          .and(not(metaAnnotatedWith("org.springframework.context.annotation.Configuration")))
          .and(not(resideInAPackage("..config..")))
          .as("domain services");

  // Client-side HTTP (RestClient, UriComponentsBuilder) is how a service calls a provider; only the
  // types that answer an incoming request belong to the web layer.
  private static final DescribedPredicate<JavaClass> WEB_TYPES =
      resideInAPackage("org.springframework.web..")
          .and(
              not(
                  resideInAnyPackage(
                      "org.springframework.web.client..", "org.springframework.web.util..")))
          .or(resideInAPackage("jakarta.servlet.."))
          .or(nameMatching("org\\.springframework\\.http\\.ResponseEntity(\\$.*)?"))
          .or(nameMatching("io\\.mcpmanager\\.kit\\.error\\.ProblemHandler(\\$.*)?"))
          .as("web types (inbound Spring web, servlet, ResponseEntity, ProblemHandler)");

  private HouseRules() {}

  @ArchTest
  public static final ArchRule FEATURES_ARE_FREE_OF_CYCLES =
      slices()
          .matching("io.mcpmanager.*.(*)..")
          .namingSlices("feature $1")
          .should()
          .beFreeOfCycles()
          .because("features are packages, and a cycle makes two features one");

  @ArchTest
  public static final ArchRule NO_LAYER_PACKAGES =
      noClasses()
          .should()
          .resideInAnyPackage(
              "..controller..",
              "..controllers..",
              "..service..",
              "..services..",
              "..repository..",
              "..repositories..",
              "..dto..",
              "..dtos..",
              "..entity..",
              "..entities..",
              "..model..",
              "..dao..",
              "..impl..")
          .because("packages are by feature, never by layer (STYLE.md)");

  @ArchTest
  public static final ArchRule CONTROLLERS_ARE_NOT_PUBLIC =
      classes()
          .that(CONTROLLERS)
          .should()
          .notBePublic()
          .because("nothing outside Spring calls a controller")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule CONTROLLERS_DO_NOT_TOUCH_THE_DATABASE =
      noClasses()
          .that(CONTROLLERS)
          .should()
          .dependOnClassesThat(
              REPOSITORIES
                  .or(
                      resideInAnyPackage(
                          "org.springframework.jdbc..", "java.sql..", "jakarta.persistence.."))
                  .as("repositories or database types"))
          .because("controllers are thin: validate, call one service method, return a record")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule CONTROLLERS_ARE_NOT_TRANSACTIONAL =
      classes()
          .that(CONTROLLERS)
          .should(notBeTransactional())
          .because("transactions belong on service methods, never on controllers")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule CONTROLLERS_NEITHER_RETURN_NOR_BIND_ENTITIES =
      classes()
          .that(CONTROLLERS)
          .should(notHaveEntitiesInHandlerSignatures())
          .because("the API speaks in records; entities are never returned by or bound from it")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule ENTITIES_AND_REPOSITORIES_STAY_IN_THEIR_FEATURE =
      classes()
          .that(ENTITIES.or(REPOSITORIES))
          .should(beUsedOnlyInsideTheirFeature())
          .because("another feature asks the owning feature's service, it does not read its tables")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule DOMAIN_SERVICES_KNOW_NO_WEB_TYPES =
      noClasses()
          .that(DOMAIN_SERVICES)
          .should()
          .dependOnClassesThat(WEB_TYPES)
          .because(
              "a service answers in domain terms; mapping to HTTP is the controller's and the handler's job")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule NO_FIELD_INJECTION =
      GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

  @ArchTest
  public static final ArchRule NO_JAVA_UTIL_LOGGING =
      GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

  @ArchTest
  public static final ArchRule NO_STANDARD_STREAMS =
      GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because(
          "logs are structured JSON through SLF4J, where redaction applies");

  @ArchTest
  public static final ArchRule PACKAGES_ARE_NULL_MARKED =
      classes()
          .should(resideInANullMarkedPackage())
          .because(
              "the compiler's NullAway checks exactly the @NullMarked packages, so an unmarked one goes unchecked");

  private static ArchCondition<JavaClass> resideInANullMarkedPackage() {
    return new ArchCondition<>("reside in a @NullMarked package") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        if (!javaClass.getPackage().isAnnotatedWith("org.jspecify.annotations.NullMarked")) {
          events.add(
              SimpleConditionEvent.violated(
                  javaClass,
                  "Class <"
                      + javaClass.getName()
                      + "> is in package "
                      + javaClass.getPackageName()
                      + ", which has no @NullMarked package-info"));
        }
      }
    };
  }

  /**
   * {@code io.mcpmanager.<service>.<feature>} of a class, or its service root when it sits in the
   * root.
   */
  static String featureOf(JavaClass javaClass) {
    Matcher matcher = FEATURE.matcher(javaClass.getPackageName());
    return matcher.find() ? matcher.group() : javaClass.getPackageName();
  }

  private static ArchCondition<JavaClass> beUsedOnlyInsideTheirFeature() {
    return new ArchCondition<>("be used only inside their own feature") {
      @Override
      public void check(JavaClass owned, ConditionEvents events) {
        String feature = featureOf(owned);
        for (Dependency dependency : owned.getDirectDependenciesToSelf()) {
          if (!featureOf(dependency.getOriginClass()).equals(feature)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> notBeTransactional() {
    DescribedPredicate<CanBeAnnotated> transactional =
        annotatedWith("org.springframework.transaction.annotation.Transactional")
            .or(annotatedWith("jakarta.transaction.Transactional"));
    return new ArchCondition<>("not be @Transactional, on the class or on a method") {
      @Override
      public void check(JavaClass controller, ConditionEvents events) {
        if (transactional.test(controller)) {
          events.add(
              SimpleConditionEvent.violated(
                  controller, controller.getName() + " is @Transactional"));
        }
        for (JavaMethod method : controller.getMethods()) {
          if (transactional.test(method)) {
            events.add(
                SimpleConditionEvent.violated(method, method.getFullName() + " is @Transactional"));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> notHaveEntitiesInHandlerSignatures() {
    return new ArchCondition<>("not return or take JPA entities") {
      @Override
      public void check(JavaClass controller, ConditionEvents events) {
        for (JavaMethod method : controller.getMethods()) {
          method.getReturnType().getAllInvolvedRawTypes().stream()
              .filter(ENTITIES)
              .forEach(
                  entity ->
                      events.add(
                          SimpleConditionEvent.violated(
                              method,
                              method.getFullName() + " returns entity " + entity.getName())));
          for (JavaParameter parameter : method.getParameters()) {
            parameter.getType().getAllInvolvedRawTypes().stream()
                .filter(ENTITIES)
                .forEach(
                    entity ->
                        events.add(
                            SimpleConditionEvent.violated(
                                method,
                                method.getFullName() + " takes entity " + entity.getName())));
          }
        }
      }
    };
  }
}
