/**
 * Caller assertions: a service proves, per call, which owner, MCP server and link it acts for, with
 * a short-lived JWT signed by its Vault Transit key and a single-use {@code jti}; the callee
 * verifies it through Vault and remembers the {@code jti} until it expires.
 */
@NullMarked
package io.mcpmanager.kit.assertion;

import org.jspecify.annotations.NullMarked;
