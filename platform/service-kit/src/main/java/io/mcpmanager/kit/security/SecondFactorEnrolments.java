package io.mcpmanager.kit.security;

/**
 * Where the step-up rule can learn that a user has a second factor beyond the token's {@code
 * mfa_enrolled} claim: auth-server, which holds the enrolments, answers from its database, so a
 * token issued before an enrolment cannot do what needs the new factor. Services have no bean of
 * this type and rely on the claim.
 */
@FunctionalInterface
public interface SecondFactorEnrolments {

  boolean isEnrolled(String userId);
}
