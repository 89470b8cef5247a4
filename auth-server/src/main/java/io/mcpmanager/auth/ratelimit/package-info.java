/** auth-server's own rate limits on the endpoints that browsers and clients reach directly. */
@NullMarked
package io.mcpmanager.auth.ratelimit;

import org.jspecify.annotations.NullMarked;
