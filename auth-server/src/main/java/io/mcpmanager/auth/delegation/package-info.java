/**
 * Delegated short-lived tokens: RFC 8693 token exchange of a user's access token for a narrower,
 * audience-bound JWT naming its actor ({@code act}), at the token endpoint and for the console at
 * {@code /api/account/delegations}.
 */
@NullMarked
package io.mcpmanager.auth.delegation;

import org.jspecify.annotations.NullMarked;
