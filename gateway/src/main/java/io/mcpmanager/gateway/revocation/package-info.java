/**
 * Revocation lists fed by auth-server's events topic: the gateway follows {@code user.disabled} /
 * {@code user.enabled} and refuses any bearer token whose {@code sub} is disabled, {@code
 * session.revoked} and refuses any token whose {@code sid} names an ended session, and tells the
 * personal access token cache about revoked tokens.
 */
@NullMarked
package io.mcpmanager.gateway.revocation;

import org.jspecify.annotations.NullMarked;
