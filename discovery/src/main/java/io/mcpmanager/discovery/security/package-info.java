/** Authentication of the registry: HTTP basic for every service, the probes left open. */
@NullMarked
package io.mcpmanager.discovery.security;

import org.jspecify.annotations.NullMarked;
