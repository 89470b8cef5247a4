/**
 * Periodic jobs of a service, each on at most one replica at a time: {@link
 * io.mcpmanager.kit.jobs.PeriodicJobs} registers them, {@link
 * io.mcpmanager.kit.jobs.SingleReplicaJob} guards a run with a ShedLock lock in the service's
 * database ({@link io.mcpmanager.kit.jobs.JobLocksAutoConfiguration}).
 */
@NullMarked
package io.mcpmanager.kit.jobs;

import org.jspecify.annotations.NullMarked;
