package io.mcpmanager.git.provider;

import java.time.Instant;

/** A repository as the provider lists it. */
public record RemoteRepository(
    String providerRepoId,
    String fullName,
    String visibility,
    String defaultBranch,
    String cloneUrlHttps,
    String cloneUrlSsh,
    boolean admin,
    boolean push,
    boolean pull,
    boolean archived,
    Instant updatedAt) {}
