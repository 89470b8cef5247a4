package io.mcpmanager.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The house rules can fail: each one finds the violation planted for it in {@code
 * io.mcpmanager.sample}, and none finds anything in {@code io.mcpmanager.tidy}, which has
 * controllers, entities, repositories and services too (so no rule passes there merely for lack of
 * classes to check).
 */
class HouseRulesTests {

  private static final JavaClasses BROKEN =
      new ClassFileImporter().importPackages("io.mcpmanager.sample");
  private static final JavaClasses TIDY =
      new ClassFileImporter().importPackages("io.mcpmanager.tidy");

  /** Each rule, and a piece of the report that shows it failed for the planted reason. */
  private static final Map<String, String> PLANTED =
      Map.ofEntries(
          Map.entry(
              "FEATURES_ARE_FREE_OF_CYCLES",
              "Cycle detected: feature billing -> \n                feature order"),
          Map.entry(
              "NO_LAYER_PACKAGES",
              "Class <io.mcpmanager.sample.service.LayeredService> does reside in"),
          Map.entry(
              "CONTROLLERS_ARE_NOT_PUBLIC",
              "Class <io.mcpmanager.sample.order.OrderController> has modifier PUBLIC"),
          Map.entry(
              "CONTROLLERS_DO_NOT_TOUCH_THE_DATABASE",
              "OrderController.orders> has type <io.mcpmanager.sample.order.OrderRepository>"),
          Map.entry(
              "CONTROLLERS_ARE_NOT_TRANSACTIONAL",
              "io.mcpmanager.sample.order.OrderController.get(java.util.UUID) is @Transactional"),
          Map.entry(
              "CONTROLLERS_NEITHER_RETURN_NOR_BIND_ENTITIES",
              "returns entity io.mcpmanager.sample.order.Order"),
          Map.entry(
              "ENTITIES_AND_REPOSITORIES_STAY_IN_THEIR_FEATURE",
              "Field <io.mcpmanager.sample.billing.BillingService.orders> has type <io.mcpmanager.sample.order.OrderRepository>"),
          Map.entry(
              "DOMAIN_SERVICES_KNOW_NO_WEB_TYPES",
              "BillingService.bill(java.util.UUID)> has return type <org.springframework.http.ResponseEntity>"),
          Map.entry(
              "NO_FIELD_INJECTION",
              "Field <io.mcpmanager.sample.order.OrderController.billing> is annotated with @Autowired"),
          Map.entry(
              "NO_JAVA_UTIL_LOGGING",
              "LayeredService.<clinit>()> sets field <io.mcpmanager.sample.service.LayeredService.LOG>"),
          Map.entry(
              "NO_STANDARD_STREAMS",
              "BillingService.bill(java.util.UUID)> gets field <java.lang.System.out>"),
          Map.entry(
              "PACKAGES_ARE_NULL_MARKED",
              "Class <io.mcpmanager.sample.order.Order> is in package io.mcpmanager.sample.order, which has no @NullMarked"));

  static Stream<String> rules() {
    return Arrays.stream(HouseRules.class.getFields())
        .filter(
            field ->
                Modifier.isStatic(field.getModifiers())
                    && ArchRule.class.isAssignableFrom(field.getType()))
        .map(Field::getName);
  }

  @Test
  void shouldPlantAViolationForEveryRule() {
    assertThat(rules()).containsExactlyInAnyOrderElementsOf(PLANTED.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void shouldFindTheViolationPlantedInTheBrokenSample(String name)
      throws ReflectiveOperationException {
    EvaluationResult result = rule(name).evaluate(BROKEN);

    assertThat(result.hasViolation()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains(PLANTED.get(name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void shouldFindNothingInTheTidySample(String name) throws ReflectiveOperationException {
    EvaluationResult result = rule(name).evaluate(TIDY);

    assertThat(result.getFailureReport().getDetails()).isEmpty();
  }

  @Test
  void shouldTakeTheFirstPackageBelowTheServiceRootAsTheFeature() {
    assertThat(HouseRules.featureOf(BROKEN.get("io.mcpmanager.sample.order.OrderController")))
        .isEqualTo("io.mcpmanager.sample.order");
    assertThat(HouseRules.featureOf(TIDY.get("io.mcpmanager.tidy.billing.invoice.Invoice")))
        .isEqualTo("io.mcpmanager.tidy.billing");
  }

  private static ArchRule rule(String name) throws ReflectiveOperationException {
    return (ArchRule) HouseRules.class.getField(name).get(null);
  }
}
