/** Personal access tokens: issued by their owner, resolved for the gateway, usage per day. */
@NullMarked
package io.mcpmanager.auth.pat;

import org.jspecify.annotations.NullMarked;
