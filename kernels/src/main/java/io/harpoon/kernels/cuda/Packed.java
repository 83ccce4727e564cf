package io.harpoon.kernels.cuda;

import io.harpoon.kernels.api.BatchBuffers;

/**
 * A batch packed contiguously for one host-to-device copy: the caller's array may be far larger than its
 * buffers (a batch is a view), so only the buffers travel.
 *
 * @param data the buffers back to back
 * @param offsets start of buffer i in {@code data}
 * @param lengths length of buffer i
 */
record Packed(byte[] data, int[] offsets, int[] lengths) {

    static Packed of(BatchBuffers in) {
        long total = in.totalBytes();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("totalBytes: " + total + " (expected: <= " + (Integer.MAX_VALUE - 8) + ")");
        }
        byte[] data = new byte[(int) total];
        int[] offsets = new int[in.count()];
        int[] lengths = in.lengths().clone();
        int pos = 0;
        for (int i = 0; i < in.count(); i++) {
            System.arraycopy(in.data(), in.offsets()[i], data, pos, lengths[i]);
            offsets[i] = pos;
            pos += lengths[i];
        }
        return new Packed(data, offsets, lengths);
    }

    /** Copies the (transformed) buffers back to where they came from. */
    void unpackInto(BatchBuffers in) {
        for (int i = 0; i < in.count(); i++) {
            System.arraycopy(data, offsets[i], in.data(), in.offsets()[i], lengths[i]);
        }
    }
}
