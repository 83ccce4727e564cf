package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

/**
 * One GPU of an engine as the engine registry reports it.
 *
 * @param index        device index on the host: NVIDIA {@code DeviceIDs} entry, ROCm render node offset
 * @param vendor       decides the compute kind the GPU serves
 * @param model        marketing name, for explanations only ("H200", "RTX 4090")
 * @param memoryBytes  total VRAM
 */
public record GpuDevice(int index, GpuVendor vendor, String model, long memoryBytes) {
    public GpuDevice {
        requireNonNull(vendor, "vendor");
        requireNonNull(model, "model");
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
        if (memoryBytes <= 0) {
            throw new IllegalArgumentException("memoryBytes: " + memoryBytes + " (expected: > 0)");
        }
    }

    public DeviceKind kind() {
        return vendor.kind();
    }
}
