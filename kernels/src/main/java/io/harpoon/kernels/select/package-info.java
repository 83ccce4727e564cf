/**
 * Choosing where kernels run: {@link io.harpoon.kernels.select.BackendRegistry} (every backend, probed once),
 * {@link io.harpoon.kernels.select.BackendChain} (ordered preference with per-kernel failure memory and an
 * {@link io.harpoon.kernels.select.ExecutionOutcome} that names what ran and why others were skipped), and
 * {@link io.harpoon.kernels.select.KernelPlacement} (the measured placement table, else {@code jdk}).
 * {@link io.harpoon.kernels.select.Kernels} is the facade the data plane calls.
 */
package io.harpoon.kernels.select;
