/**
 * The placement framework, Kubernetes-scheduler style: PreFilter / Filter / Score / Reserve extension points,
 * {@link io.harpoon.scheduler.framework.Status} with codes and reasons, the per-cycle
 * {@link io.harpoon.scheduler.framework.CycleState}, per-engine {@link io.harpoon.scheduler.framework.EngineState},
 * the registry, the chain and the pure {@link io.harpoon.scheduler.framework.Scheduler} cycle.
 *
 * <p>Must not import any plugin (the in-tree set is wired in {@code plugins.StandardChain}), the store or I/O.
 */
package io.harpoon.scheduler.framework;
