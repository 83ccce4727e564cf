package io.harpoon.exapp.compute;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The search kernels ({@code search-kernels.c}) with a prelude for OpenCL C or CUDA C. One body for both dialects,
 * so what PoCL checks in CI is the text NVRTC compiles on a GPU machine.
 */
public final class DeviceKernelSource {
    /** Vectors per block of the blocked-column layout; a multiple of the warp (32) and wavefront (64) size. */
    public static final int BLOCK = 256;
    /** Queries each work item of {@code hp_scores} handles, so one read of a vector component serves QTILE queries. */
    public static final int QTILE = 8;

    private static final String BODY = load("search-kernels.c");

    private DeviceKernelSource() {
    }

    /** OpenCL C 1.2 source with private top-k lists of {@code kmax} entries. */
    public static String openCl(int kmax) {
        return """
                #define KERNEL __kernel
                #define GLOBAL __global
                #define GID0 get_global_id(0)
                #define GID1 get_global_id(1)
                #define FMA(a, b, c) fma(a, b, c)
                #define NEG_INF (-INFINITY)
                #define IDX size_t
                typedef long i64;
                """ + constants(kmax) + BODY;
    }

    /** CUDA C source (for NVRTC) with private top-k lists of {@code kmax} entries. */
    public static String cuda(int kmax) {
        return """
                #define KERNEL extern "C" __global__
                #define GLOBAL
                #define GID0 (blockIdx.x * blockDim.x + threadIdx.x)
                #define GID1 (blockIdx.y * blockDim.y + threadIdx.y)
                #define FMA(a, b, c) __fmaf_rn(a, b, c)
                #define NEG_INF (-__int_as_float(0x7f800000))
                #define IDX unsigned long long
                typedef long long i64;
                """ + constants(kmax) + BODY;
    }

    /** Smallest size class (16, 64 or {@link ComputeBackend#MAX_K}) that holds k; one compiled program per class. */
    public static int kmaxFor(int k) {
        if (k < 1 || k > ComputeBackend.MAX_K) {
            throw new IllegalArgumentException("k: " + k + " (expected: 1.." + ComputeBackend.MAX_K + ")");
        }
        return k <= 16 ? 16 : k <= 64 ? 64 : ComputeBackend.MAX_K;
    }

    private static String constants(int kmax) {
        return "#define BLOCK " + BLOCK + "\n#define QTILE " + QTILE + "\n#define KMAX " + kmax + "\n";
    }

    private static String load(String name) {
        try (InputStream in = DeviceKernelSource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("kernel source missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
