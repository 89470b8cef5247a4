package io.mcpmanager.integration.account;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;

/**
 * Rules for a pasted credential. Every credential travels to its provider in an HTTP header, so it
 * must be visible ASCII: a trailing newline from a copy-paste is forgiven (stripped), while a
 * control character, an inner space or a non-ASCII character is refused with 400 before any
 * provider call, naming the field and never echoing the value.
 */
final class Credentials {

  private Credentials() {}

  /**
   * Surrounding white space (a trailing newline, a leading space) is a copy-paste slip, not part of
   * the token.
   */
  static @Nullable String strip(@Nullable String credential) {
    return credential == null ? null : credential.strip();
  }

  /** Visible ASCII only: what an HTTP header value can carry unambiguously. */
  @Pattern(regexp = "[\\x21-\\x7E]*")
  @ReportAsSingleViolation
  @Constraint(validatedBy = {})
  @Target({FIELD, PARAMETER, RECORD_COMPONENT})
  @Retention(RUNTIME)
  @interface HeaderSafe {
    String message() default
        "must contain only visible ASCII characters (no spaces, control or non-ASCII characters)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }
}
