package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Capacity held on one engine by one placed workload: what a placement commits and what the next cycle subtracts.
 *
 * @param workloadId      ExApp id holding it
 * @param engineId        engine it sits on
 * @param kind            compute kind
 * @param gpuIds          GPU indexes holding {@code vramPerGpuBytes} each
 * @param vramPerGpuBytes VRAM held on each of {@code gpuIds}
 * @param exclusiveGpu    true: nothing else may use {@code gpuIds}
 * @param fpgaIds         FPGA cards held (an FPGA card is never shared)
 * @param memoryBytes     RAM held
 * @param cpuMillis       CPU held
 * @param antiAffinity    ExApp ids that must not join this engine
 * @param modelKey        performance model key, for the queue term of earliestfinish
 */
public record Reservation(String workloadId, String engineId, DeviceKind kind, List<Integer> gpuIds,
                          long vramPerGpuBytes, boolean exclusiveGpu, List<Integer> fpgaIds, long memoryBytes,
                          long cpuMillis, Set<String> antiAffinity, String modelKey) {
    public Reservation {
        requireNonNull(workloadId, "workloadId");
        requireNonNull(engineId, "engineId");
        requireNonNull(kind, "kind");
        gpuIds = List.copyOf(requireNonNull(gpuIds, "gpuIds"));
        fpgaIds = List.copyOf(requireNonNull(fpgaIds, "fpgaIds"));
        antiAffinity = Collections.unmodifiableSet(new TreeSet<>(requireNonNull(antiAffinity, "antiAffinity")));
        requireNonNull(modelKey, "modelKey");
    }
}
