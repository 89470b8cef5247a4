package io.mcpmanager.kit.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a sensitive operation (a controller method, or every method of a controller): for a user
 * who has a second factor enrolled, the token must show one used within the last {@code
 * mcpm.security.step-up.max-age} (10 minutes). Otherwise the answer is RFC 9470's 401 challenge
 * {@code insufficient_user_authentication} with {@code max_age}, and the client signs in again with
 * {@code max_age} / {@code acr_values}. Personal access tokens ({@code pat_id}) and delegated
 * tokens ({@code act}) never pass. See {@link RecentSecondFactor}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRecentSecondFactor {}
