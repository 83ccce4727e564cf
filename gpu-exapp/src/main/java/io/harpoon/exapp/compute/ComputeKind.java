package io.harpoon.exapp.compute;

import java.util.Locale;

/** Where similarity search runs. The wire name appears in {@code /v1/info}, {@code /enabled} errors and benchmarks. */
public enum ComputeKind {
    /** Multi-threaded Java; the Vector API when {@code jdk.incubator.vector} is loaded. Always available. */
    CPU("cpu"),
    /** OpenCL through JOCL: a GPU driver (ROCm, NVIDIA, Intel) or PoCL on the CPU (CI). */
    OPENCL("opencl"),
    /** CUDA through JCuda and NVRTC; needs {@code libcuda.so.1} and {@code libnvrtc}. */
    CUDA("cuda"),
    /** TornadoVM; present only where its runtime is loaded. */
    TORNADO("tornado");

    private final String wireName;

    ComputeKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ComputeKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (ComputeKind k : values()) {
            if (k.wireName.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("backend: " + name + " (expected: cpu, opencl, cuda or tornado)");
    }
}
