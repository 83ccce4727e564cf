package io.harpoon.kernels.tornado;

import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BackendFailure;
import io.harpoon.kernels.api.BatchBuffers;

/**
 * The flat arguments of one kernel launch: the very arrays a {@link TornadoKernels} method receives, whether it
 * runs as plain Java or as a TornadoVM task. A TornadoVM task graph is bound to array <em>objects</em>, so a
 * launch is sized for a {@link ShapeClass} (slots and bytes rounded up to powers of two) and reused for every batch
 * of that class; the slots past the batch are padding that the kernels skip.
 *
 * <pre>
 *   batch (caller's view, gaps allowed)       launch (packed, reused)
 *   data: | .. |buf0| .. |buf1|buf2| ..   -&gt;   data:    |buf0|buf1|buf2|000000000| (bytes = 2^k)
 *                                             offsets: | 0  | l0 |l0+l1| 0 | 0 ..| (slots = 2^m)
 *                                             lengths: | l0 | l1 | l2 | 0 | 0 ..|
 * </pre>
 */
sealed interface Launch permits CrcLaunch, CfbLaunch, GcmLaunch {
    /**
     * Smallest slot count of a shape class. Generous on purpose: every new shape class is a new task graph that
     * TornadoVM JIT-compiles (seconds), while padding slots cost a few idle threads and bytes of transfer.
     */
    int MIN_SLOTS = 256;
    /** Smallest data capacity of a shape class (same trade-off as {@link #MIN_SLOTS}). */
    int MIN_BYTES = 64 * 1024;
    /** Largest data (or AAD) capacity one launch stages; bigger batches fail over to another backend. */
    int MAX_BYTES = 1 << 30;

    ShapeClass shape();

    /** Runs the kernel method directly on the JVM (sequential loop): the CPU path and the test oracle. */
    void runAsJava();

    /** The kernel family a launch belongs to (CFB direction and GCM seal/open are control values, not shapes). */
    enum Kind {
        CRC32C, AES128_CFB, AES_GCM
    }

    /**
     * Capacities of a launch: batches whose count and byte totals round up to the same powers of two share one
     * TornadoVM plan (and one JIT-compiled kernel).
     *
     * @param kind kernel family
     * @param slots buffers, streams or messages (power of two, &gt;= {@link #MIN_SLOTS})
     * @param bytes data capacity (power of two, &gt;= {@link #MIN_BYTES})
     * @param aadBytes AAD capacity for GCM (power of two, &gt;= {@link #MIN_BYTES}), else 0
     */
    record ShapeClass(Kind kind, int slots, int bytes, int aadBytes) {
        static ShapeClass of(Kind kind, int count, long bytes, long aadBytes) {
            return new ShapeClass(kind, roundUp(count, MIN_SLOTS), roundUp(bytes, MIN_BYTES),
                    kind == Kind.AES_GCM ? roundUp(aadBytes, MIN_BYTES) : 0);
        }

        private static int roundUp(long n, int min) {
            if (n > MAX_BYTES) {
                throw new BackendFailure(Backend.TORNADO, "batch needs " + n + " staged bytes or slots (limit: "
                        + MAX_BYTES + ")");
            }
            int v = min;
            while (v < n) {
                v <<= 1;
            }
            return v;
        }
    }

    /** Packs the buffers of {@code in} contiguously into {@code data}; padding slots get offset 0, length 0. */
    static void pack(BatchBuffers in, byte[] data, int[] offsets, int[] lengths) {
        int pos = 0;
        for (int i = 0; i < in.count(); i++) {
            int len = in.lengths()[i];
            System.arraycopy(in.data(), in.offsets()[i], data, pos, len);
            offsets[i] = pos;
            lengths[i] = len;
            pos += len;
        }
        java.util.Arrays.fill(offsets, in.count(), offsets.length, 0);
        java.util.Arrays.fill(lengths, in.count(), lengths.length, 0);
    }

    /** Copies the packed buffers back to where they came from in {@code in} (in-place kernels). */
    static void unpack(byte[] data, int[] offsets, BatchBuffers in) {
        for (int i = 0; i < in.count(); i++) {
            System.arraycopy(data, offsets[i], in.data(), in.offsets()[i], in.lengths()[i]);
        }
    }
}
