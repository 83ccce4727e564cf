package io.harpoon.scheduler.api;

import java.util.Locale;

/**
 * What a workload computes on. {@code cpu}, {@code cuda} and {@code rocm} are AppAPI's {@code compute_device} values
 * (exapp-contract.md §10: no other value exists); {@code fpga} is a Harpoon extension requested through
 * {@code HARPOON_COMPUTE_DEVICE=fpga}.
 */
public enum DeviceKind {
    CPU("cpu"),
    CUDA("cuda"),
    ROCM("rocm"),
    FPGA("fpga");

    private final String wireName;

    DeviceKind(String wireName) {
        this.wireName = wireName;
    }

    /** Lower-case name as in the create request's {@code compute_device}. */
    public String wireName() {
        return wireName;
    }

    /** True for the kinds that allocate GPU memory (VRAM) and GPU device ids. */
    public boolean usesGpu() {
        return this == CUDA || this == ROCM;
    }

    /** Parses {@code cpu|cuda|rocm|fpga}, case-insensitive (AppAPI sets COMPUTE_DEVICE upper case, §6.1). */
    public static DeviceKind parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (DeviceKind k : values()) {
            if (k.wireName.equals(v)) {
                return k;
            }
        }
        throw new IllegalArgumentException("compute_device: " + value + " (expected: cpu, cuda, rocm or fpga)");
    }
}
