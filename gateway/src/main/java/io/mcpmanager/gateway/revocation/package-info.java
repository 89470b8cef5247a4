/**
 * Revocation of disabled users: the gateway follows {@code user.disabled} / {@code user.enabled} on
 * auth-server's events topic and refuses any bearer token whose {@code sub} is disabled.
 */
@NullMarked
package io.mcpmanager.gateway.revocation;

import org.jspecify.annotations.NullMarked;
