/**
 * The one guard for requests whose destination a user influences (MCP server URLs, a Jira site,
 * pagination links): resolve the host once, refuse internal addresses, connect to exactly the
 * address that was checked, follow no redirect, cap the response body.
 */
@NullMarked
package io.mcpmanager.kit.outbound;

import org.jspecify.annotations.NullMarked;
