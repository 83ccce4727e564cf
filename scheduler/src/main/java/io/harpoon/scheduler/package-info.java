/**
 * GPU-aware placement of ExApps across CPU, CUDA, ROCm and FPGA engines.
 *
 * <p>Planned (issue "Scheduler"): a Kubernetes-framework style chain of filter and score plugins that is a pure
 * function (engines, reservations, workload) -&gt; plan, with an explanation for every placement and refusal.
 */
package io.harpoon.scheduler;
