package io.harpoon.kernels.aparapi;

import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BackendFailure;
import io.harpoon.kernels.api.BatchBuffers;

/**
 * A batch packed into a fresh contiguous array for the device: only the buffers' bytes travel (not the gaps of
 * the caller's array), and the caller's array is written only after the kernel succeeded, so a failed or
 * fallen-back launch never leaves half-transformed data behind.
 *
 * <pre>
 *   caller : | pad | buf0 ... | gap | buf1 . | pad |      staging : | buf0 ... | buf1 . |
 *   offsets: caller's                                      offsets: 0, len0, len0+len1 ...
 * </pre>
 *
 * <p>Arrays are never empty: OpenCL cannot create a zero-size buffer, so an all-empty batch gets one unused byte.
 *
 * @param data packed bytes
 * @param offsets start of each buffer in {@code data}
 * @param lengths length of each buffer
 */
record Staging(byte[] data, int[] offsets, int[] lengths) {
    /** Largest packed batch: the largest Java array. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    static Staging pack(BatchBuffers in) {
        int n = in.count();
        long total = in.totalBytes();
        if (total > MAX_BYTES) {
            throw new BackendFailure(Backend.APARAPI, "batch of " + total + " bytes (expected: <= " + MAX_BYTES + ")");
        }
        byte[] data = new byte[Math.max(1, (int) total)];
        int[] offsets = new int[Math.max(1, n)];
        int[] lengths = new int[Math.max(1, n)];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            int len = in.lengths()[i];
            System.arraycopy(in.data(), in.offsets()[i], data, pos, len);
            offsets[i] = pos;
            lengths[i] = len;
            pos += len;
        }
        return new Staging(data, offsets, lengths);
    }

    /** An empty staging area for {@code n} empty buffers (GCM without AAD). */
    static Staging empty(int n) {
        return new Staging(new byte[1], new int[Math.max(1, n)], new int[Math.max(1, n)]);
    }

    /** Copies every buffer back to its place in the caller's batch. */
    void unpackInto(BatchBuffers out) {
        for (int i = 0; i < out.count(); i++) {
            System.arraycopy(data, offsets[i], out.data(), out.offsets()[i], lengths[i]);
        }
    }
}
