/**
 * Second factors: TOTP enrolment and verification, one-time recovery codes, the admin policy that
 * requires them, and what a sign-in's factors say about the user ({@code amr}, {@code acr}, {@code
 * auth_time}).
 */
@NullMarked
package io.mcpmanager.auth.mfa;

import org.jspecify.annotations.NullMarked;
