package io.mcpmanager.audit.trail;

import java.util.List;

/** What an append did: the entries stored, and how many were skipped as already stored. */
public record AppendResult(List<NewEntry> stored, int duplicates) {}
