/**
 * Sessions and devices: every authorization of a user (a browser sign-in, a device-flow CLI, an MCP
 * client grant; each one refresh-token family) with the client that started it, listed and revoked
 * by its user; a revocation is an event the gateway follows to refuse the session's access tokens
 * ({@code sid}) within seconds. A sign-in from a device the user never used is an event too.
 */
@NullMarked
package io.mcpmanager.auth.session;

import org.jspecify.annotations.NullMarked;
