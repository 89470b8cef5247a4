package io.mcpmanager.git.repository;

import java.util.List;

public record RepositoryPageResponse(List<GitRepositoryResponse> items, int page, int size, long total) {}
