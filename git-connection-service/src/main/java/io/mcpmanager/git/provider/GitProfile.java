package io.mcpmanager.git.provider;

import org.jspecify.annotations.Nullable;

/**
 * The account behind a token: a stable id, and the login name, a primary email and an avatar when
 * the provider tells.
 */
public record GitProfile(
    String externalUserId,
    @Nullable String username,
    @Nullable String email,
    @Nullable String avatarUrl) {}
