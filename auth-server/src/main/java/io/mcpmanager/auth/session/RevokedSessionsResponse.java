package io.mcpmanager.auth.session;

/** The answer to "sign out everywhere": how many sessions ended. */
record RevokedSessionsResponse(int revoked) {}
