package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one ExApp container needs. Built by {@code requirements.RequirementsParser} from a create request, or by
 * {@link #builder(String)} in tests.
 *
 * @param id              ExApp id; at most one placement per id (exapp-contract.md §9: one instance per app id)
 * @param kind            compute kind
 * @param gpuCount        GPUs needed (0 for CPU and FPGA, at least 1 for CUDA and ROCm)
 * @param vramPerGpuBytes VRAM needed on each of those GPUs
 * @param exclusiveGpu    true: the chosen GPUs are not shared with any other workload
 * @param pinnedGpuIds    explicit GPU indexes the admin asked for, empty: the scheduler chooses
 * @param memoryBytes     RAM
 * @param cpuMillis       CPU in millicores
 * @param requiredLabels  engine labels that must all match
 * @param preferredLabels engine labels that raise the score when they match
 * @param antiAffinity    ExApp ids this one must not share an engine with (checked both ways)
 * @param fpgaBitstream   bitstream an FPGA workload needs ("" for others)
 * @param fpgaFamily      FPGA family required ("" = any)
 * @param modelKey        key of the performance model (defaults to the id)
 * @param transferBytes   bytes moved host to device before the workload runs (model weights), for earliestfinish
 * @param homeEngineId    engine holding the ExApp's data volume from an earlier placement ("" = none); the ExApp
 *                        must return there (exapp-contract.md §13.2: volumes are host-local, updates stay put)
 */
public record Workload(String id, DeviceKind kind, int gpuCount, long vramPerGpuBytes, boolean exclusiveGpu,
                       List<Integer> pinnedGpuIds, long memoryBytes, long cpuMillis,
                       Map<String, String> requiredLabels, Map<String, String> preferredLabels,
                       Set<String> antiAffinity, String fpgaBitstream, String fpgaFamily, String modelKey,
                       long transferBytes, String homeEngineId) {
    /** Upper bound on GPUs one workload may ask for (a DGX-class host has 8; 16 leaves room). */
    public static final int MAX_GPUS_PER_WORKLOAD = 16;

    public Workload {
        requireNonNull(id, "id");
        requireNonNull(kind, "kind");
        pinnedGpuIds = List.copyOf(requireNonNull(pinnedGpuIds, "pinnedGpuIds"));
        requiredLabels = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(requiredLabels, "requiredLabels")));
        preferredLabels = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(preferredLabels,
                "preferredLabels")));
        antiAffinity = Collections.unmodifiableSet(new TreeSet<>(requireNonNull(antiAffinity, "antiAffinity")));
        requireNonNull(fpgaBitstream, "fpgaBitstream");
        requireNonNull(fpgaFamily, "fpgaFamily");
        requireNonNull(modelKey, "modelKey");
        requireNonNull(homeEngineId, "homeEngineId");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id: blank (expected: an ExApp id)");
        }
        if (kind.usesGpu() && (gpuCount < 1 || gpuCount > MAX_GPUS_PER_WORKLOAD)) {
            throw new IllegalArgumentException("gpuCount: " + gpuCount + " (expected: 1.." + MAX_GPUS_PER_WORKLOAD
                    + " for " + kind.wireName() + ")");
        }
        if (!kind.usesGpu() && (gpuCount != 0 || vramPerGpuBytes != 0 || !pinnedGpuIds.isEmpty())) {
            throw new IllegalArgumentException("gpuCount/vram: " + gpuCount + "/" + vramPerGpuBytes
                    + " (expected: 0 for " + kind.wireName() + ")");
        }
        if (!pinnedGpuIds.isEmpty() && pinnedGpuIds.size() != gpuCount) {
            throw new IllegalArgumentException("pinnedGpuIds: " + pinnedGpuIds + " (expected: " + gpuCount + " ids)");
        }
        if (pinnedGpuIds.stream().distinct().count() != pinnedGpuIds.size()) {
            throw new IllegalArgumentException("pinnedGpuIds: " + pinnedGpuIds + " (expected: distinct)");
        }
        if (kind == DeviceKind.FPGA && fpgaBitstream.isBlank()) {
            throw new IllegalArgumentException("fpgaBitstream: blank (expected: a bitstream for fpga)");
        }
        if (vramPerGpuBytes < 0 || memoryBytes < 0 || cpuMillis < 0 || transferBytes < 0) {
            throw new IllegalArgumentException("vram/memory/cpu/transfer: " + vramPerGpuBytes + "/" + memoryBytes
                    + "/" + cpuMillis + "/" + transferBytes + " (expected: >= 0)");
        }
    }

    /** The same requirements under another id (replicas, tests). */
    public Workload withId(String newId) {
        return new Workload(newId, kind, gpuCount, vramPerGpuBytes, exclusiveGpu, pinnedGpuIds, memoryBytes, cpuMillis,
                requiredLabels, preferredLabels, antiAffinity, fpgaBitstream, fpgaFamily, modelKey, transferBytes,
                homeEngineId);
    }

    /** The same requirements, bound to the engine that holds the ExApp's data ("" = free to move). */
    public Workload withHome(String engineId) {
        return new Workload(id, kind, gpuCount, vramPerGpuBytes, exclusiveGpu, pinnedGpuIds, memoryBytes, cpuMillis,
                requiredLabels, preferredLabels, antiAffinity, fpgaBitstream, fpgaFamily, modelKey, transferBytes,
                engineId);
    }

    /** Total VRAM over all requested GPUs. */
    public long totalVramBytes() {
        return vramPerGpuBytes * gpuCount;
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id).kind(kind).memoryBytes(memoryBytes).cpuMillis(cpuMillis).modelKey(modelKey)
                .transferBytes(transferBytes).fpga(fpgaBitstream, fpgaFamily).home(homeEngineId);
        b.gpuCount = gpuCount;
        b.vramPerGpuBytes = vramPerGpuBytes;
        b.exclusiveGpu = exclusiveGpu;
        b.pinnedGpuIds.addAll(pinnedGpuIds);
        b.requiredLabels.putAll(requiredLabels);
        b.preferredLabels.putAll(preferredLabels);
        b.antiAffinity.addAll(antiAffinity);
        return b;
    }

    /** Fluent builder: CPU kind, nothing requested, until told otherwise. */
    public static final class Builder {
        private final String id;
        private DeviceKind kind = DeviceKind.CPU;
        private int gpuCount;
        private long vramPerGpuBytes;
        private boolean exclusiveGpu;
        private final List<Integer> pinnedGpuIds = new ArrayList<>();
        private long memoryBytes;
        private long cpuMillis;
        private final Map<String, String> requiredLabels = new TreeMap<>();
        private final Map<String, String> preferredLabels = new TreeMap<>();
        private final Set<String> antiAffinity = new TreeSet<>();
        private String fpgaBitstream = "";
        private String fpgaFamily = "";
        private String modelKey;
        private Long transferBytes;
        private String homeEngineId = "";

        private Builder(String id) {
            this.id = id;
        }

        /** Sets the kind; a GPU kind gets one GPU unless {@link #gpus(int, long)} says otherwise. */
        public Builder kind(DeviceKind kind) {
            this.kind = kind;
            if (kind.usesGpu() && gpuCount == 0) {
                gpuCount = 1;
            }
            if (!kind.usesGpu()) {
                gpuCount = 0;
                vramPerGpuBytes = 0;
                pinnedGpuIds.clear();
            }
            return this;
        }

        public Builder gpus(int count, long vramPerGpuBytes) {
            this.gpuCount = count;
            this.vramPerGpuBytes = vramPerGpuBytes;
            return this;
        }

        public Builder vramGiB(long gib) {
            return gpus(Math.max(1, gpuCount), Sizes.gib(gib));
        }

        public Builder exclusiveGpu(boolean exclusive) {
            this.exclusiveGpu = exclusive;
            return this;
        }

        public Builder pin(Integer... ids) {
            pinnedGpuIds.clear();
            pinnedGpuIds.addAll(List.of(ids));
            return this;
        }

        public Builder memoryBytes(long bytes) {
            this.memoryBytes = bytes;
            return this;
        }

        public Builder memoryGiB(long gib) {
            return memoryBytes(Sizes.gib(gib));
        }

        public Builder cpuMillis(long millis) {
            this.cpuMillis = millis;
            return this;
        }

        public Builder cores(long cores) {
            return cpuMillis(cores * 1000);
        }

        public Builder require(String key, String value) {
            requiredLabels.put(key, value);
            return this;
        }

        public Builder prefer(String key, String value) {
            preferredLabels.put(key, value);
            return this;
        }

        public Builder avoid(String... appIds) {
            antiAffinity.addAll(List.of(appIds));
            return this;
        }

        public Builder fpga(String bitstream, String family) {
            this.fpgaBitstream = bitstream;
            this.fpgaFamily = family;
            return this;
        }

        public Builder modelKey(String key) {
            this.modelKey = key;
            return this;
        }

        public Builder home(String engineId) {
            this.homeEngineId = engineId;
            return this;
        }

        public Builder transferBytes(long bytes) {
            this.transferBytes = bytes;
            return this;
        }

        public Workload build() {
            long transfer = transferBytes != null ? transferBytes : vramPerGpuBytes * gpuCount;
            return new Workload(id, kind, gpuCount, vramPerGpuBytes, exclusiveGpu, pinnedGpuIds, memoryBytes,
                    cpuMillis, requiredLabels, preferredLabels, antiAffinity, fpgaBitstream, fpgaFamily,
                    modelKey != null ? modelKey : id, transfer, homeEngineId);
        }
    }
}
