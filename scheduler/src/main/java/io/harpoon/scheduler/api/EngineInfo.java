package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One Docker engine (one HaRP daemon: the local one on 24000 or a remote one on 24001-24099) with its inventory.
 *
 * @param id          stable id (the daemon name or {@code engine-<port>}); order of the engine list is the tie-break
 * @param cpuMillis   schedulable CPU in millicores (1 core = 1000)
 * @param memoryBytes schedulable RAM
 * @param labels      free-form labels, e.g. {@code zone=eu}, {@code latency=interactive}
 * @param gpus        GPUs, any vendor
 * @param fpgas       FPGA cards
 */
public record EngineInfo(String id, long cpuMillis, long memoryBytes, Map<String, String> labels,
                         List<GpuDevice> gpus, List<FpgaCard> fpgas) {
    public EngineInfo {
        requireNonNull(id, "id");
        labels = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(labels, "labels")));
        gpus = List.copyOf(requireNonNull(gpus, "gpus"));
        fpgas = List.copyOf(requireNonNull(fpgas, "fpgas"));
        if (id.isBlank()) {
            throw new IllegalArgumentException("id: blank (expected: a daemon or engine name)");
        }
        if (cpuMillis < 0 || memoryBytes < 0) {
            throw new IllegalArgumentException("cpuMillis/memoryBytes: " + cpuMillis + "/" + memoryBytes
                    + " (expected: >= 0)");
        }
        long distinct = gpus.stream().mapToInt(GpuDevice::index).distinct().count();
        if (distinct != gpus.size()) {
            throw new IllegalArgumentException("gpus: duplicate index on engine " + id + " (expected: unique)");
        }
    }

    /** GPUs serving {@code kind}, in index order. */
    public List<GpuDevice> gpusOf(DeviceKind kind) {
        List<GpuDevice> out = new ArrayList<>();
        for (GpuDevice g : gpus) {
            if (g.kind() == kind) {
                out.add(g);
            }
        }
        return out;
    }

    /** True when the engine can serve {@code kind} at all (every engine has a CPU). */
    public boolean has(DeviceKind kind) {
        return switch (kind) {
            case CPU -> true;
            case CUDA, ROCM -> !gpusOf(kind).isEmpty();
            case FPGA -> !fpgas.isEmpty();
        };
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Fluent builder for fixtures and for the engine registry. */
    public static final class Builder {
        private final String id;
        private long cpuMillis;
        private long memoryBytes;
        private final Map<String, String> labels = new TreeMap<>();
        private final List<GpuDevice> gpus = new ArrayList<>();
        private final List<FpgaCard> fpgas = new ArrayList<>();

        private Builder(String id) {
            this.id = id;
        }

        public Builder cores(long cores) {
            this.cpuMillis = cores * 1000;
            return this;
        }

        public Builder memoryGiB(long gib) {
            this.memoryBytes = Sizes.gib(gib);
            return this;
        }

        public Builder memoryBytes(long bytes) {
            this.memoryBytes = bytes;
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /** Adds {@code count} identical GPUs with the next free indexes. */
        public Builder gpus(int count, GpuVendor vendor, String model, long vramGiB) {
            for (int i = 0; i < count; i++) {
                gpus.add(new GpuDevice(gpus.size(), vendor, model, Sizes.gib(vramGiB)));
            }
            return this;
        }

        public Builder gpu(GpuDevice gpu) {
            gpus.add(gpu);
            return this;
        }

        public Builder fpga(String vendor, String family, String loaded, String... compatible) {
            fpgas.add(new FpgaCard(fpgas.size(), vendor, family, loaded, Set.of(compatible)));
            return this;
        }

        public EngineInfo build() {
            return new EngineInfo(id, cpuMillis, memoryBytes, labels, gpus, fpgas);
        }
    }
}
