/**
 * Personal access tokens at the edge: a {@code mcpm_pat_} bearer token is checked for its checksum,
 * resolved by auth-server (cached for seconds), held to its networks and exchanged for a short JWT
 * that the rest of the chain and the services validate like any other; uses are reported in
 * batches.
 */
@NullMarked
package io.mcpmanager.gateway.pat;

import org.jspecify.annotations.NullMarked;
