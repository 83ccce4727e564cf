package io.harpoon.kernels.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CUDA C source of the kernels ({@value #RESOURCE}) and the names of its {@code extern "C" __global__} entry
 * points. The names are looked up in the NVRTC-compiled module, so the source and these constants must agree; a
 * CPU test checks that they do.
 */
public final class CudaKernelSource {
    /** Class-path resource holding the source. */
    public static final String RESOURCE = "/kernels/harpoon_kernels.cu";
    /** Program name given to NVRTC (appears in its compile log). */
    public static final String PROGRAM_NAME = "harpoon_kernels.cu";

    /** {@code (data, offsets, lengths, n, table, out)}: CRC-32C per buffer. */
    public static final String CRC32C = "harpoon_crc32c";
    /** Same arguments as {@link #CRC32C}; the snappy-masked CRC. */
    public static final String CRC32C_MASKED = "harpoon_crc32c_masked";
    /** {@code (data, offsets, lengths, n, encrypt, roundKeys, sbox, state, used)}: AES-128-CFB128 per stream. */
    public static final String AES128_CFB = "harpoon_aes128_cfb";
    /** {@code (data, offsets, lengths, aad, aadOffsets, aadLengths, n, roundKeys, rounds, ivs, sbox, tags)}. */
    public static final String GCM_SEAL = "harpoon_gcm_seal";
    /** As {@link #GCM_SEAL}, then {@code tags} read-only and {@code ok} per message. */
    public static final String GCM_OPEN = "harpoon_gcm_open";

    /** Every entry point the Java side looks up. */
    public static final List<String> ENTRY_POINTS = List.of(CRC32C, CRC32C_MASKED, AES128_CFB, GCM_SEAL, GCM_OPEN);

    /** Round-key words per stream or message in the flat key array ({@code KEY_STRIDE} in the source). */
    public static final int KEY_STRIDE = 60;

    /** Threads per block for every kernel; the grid covers one thread per item. */
    public static final int BLOCK_THREADS = 128;

    private CudaKernelSource() {
    }

    /** Blocks of {@link #BLOCK_THREADS} needed for one thread per item (the kernels skip threads past the end). */
    public static int gridBlocks(int items) {
        return (items + BLOCK_THREADS - 1) / BLOCK_THREADS;
    }

    /** The source text. */
    public static String load() {
        try (InputStream in = CudaKernelSource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }
}
