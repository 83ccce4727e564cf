package io.harpoon.kernels.api;

/**
 * A batch of byte buffers laid out in one array: buffer {@code i} is {@code data[offsets[i] .. offsets[i]+lengths[i])}.
 * Accelerators pay off only on batches, and one array plus two index arrays is what a device copies in one
 * transfer, so every kernel takes this shape.
 *
 * <pre>
 *   data    : | pad | buf0 ........ | buf1 ..| pad | buf2 ............. |
 *   offsets :       ^0              ^1             ^2
 *   lengths :       |&lt;-- len0 --&gt;|  |len1 |        |&lt;---- len2 ----&gt;|
 * </pre>
 *
 * <p>Buffers may be unaligned and may leave gaps; they must not overlap when a kernel writes in place
 * (not checked: overlapping in-place batches are the caller's bug). The constructor validates every index and
 * throws {@link IllegalArgumentException} naming the field and the value, before any kernel touches the data.
 * The arrays are not copied: a batch is a view.
 *
 * @param data the backing array
 * @param offsets start of each buffer in {@code data}
 * @param lengths length of each buffer
 */
public record BatchBuffers(byte[] data, int[] offsets, int[] lengths) {

    public BatchBuffers {
        if (data == null) {
            throw new IllegalArgumentException("data: null (expected: a byte array)");
        }
        if (offsets == null) {
            throw new IllegalArgumentException("offsets: null (expected: an int array)");
        }
        if (lengths == null) {
            throw new IllegalArgumentException("lengths: null (expected: an int array)");
        }
        if (offsets.length != lengths.length) {
            throw new IllegalArgumentException("lengths.length: " + lengths.length + " (expected: offsets.length = "
                    + offsets.length + ")");
        }
        for (int i = 0; i < offsets.length; i++) {
            int off = offsets[i];
            int len = lengths[i];
            if (off < 0 || off > data.length) {
                throw new IllegalArgumentException("offsets[" + i + "]: " + off + " (expected: 0.." + data.length + ")");
            }
            if (len < 0 || (long) off + len > data.length) {
                throw new IllegalArgumentException("lengths[" + i + "]: " + len + " (expected: 0.." + (data.length - off)
                        + " at offset " + off + ")");
            }
        }
    }

    /** Packs independent arrays into one batch (copying them). */
    public static BatchBuffers pack(byte[]... buffers) {
        if (buffers == null) {
            throw new IllegalArgumentException("buffers: null (expected: an array of byte arrays)");
        }
        long total = 0;
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] == null) {
                throw new IllegalArgumentException("buffers[" + i + "]: null (expected: a byte array)");
            }
            total += buffers[i].length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("total length: " + total + " (expected: <= " + (Integer.MAX_VALUE - 8) + ")");
        }
        byte[] data = new byte[(int) total];
        int[] offsets = new int[buffers.length];
        int[] lengths = new int[buffers.length];
        int pos = 0;
        for (int i = 0; i < buffers.length; i++) {
            System.arraycopy(buffers[i], 0, data, pos, buffers[i].length);
            offsets[i] = pos;
            lengths[i] = buffers[i].length;
            pos += buffers[i].length;
        }
        return new BatchBuffers(data, offsets, lengths);
    }

    /** A batch of one buffer, without copying. */
    public static BatchBuffers single(byte[] data, int offset, int length) {
        return new BatchBuffers(data, new int[] {offset}, new int[] {length});
    }

    /** Number of buffers in the batch. */
    public int count() {
        return offsets.length;
    }

    /** Sum of all buffer lengths. */
    public long totalBytes() {
        long t = 0;
        for (int l : lengths) {
            t += l;
        }
        return t;
    }

    /** Largest single buffer, 0 for an empty batch. */
    public int maxLength() {
        int m = 0;
        for (int l : lengths) {
            m = Math.max(m, l);
        }
        return m;
    }

    /** Copy of buffer {@code i}. */
    public byte[] copyOf(int i) {
        byte[] out = new byte[lengths[i]];
        System.arraycopy(data, offsets[i], out, 0, lengths[i]);
        return out;
    }

    /** Shape of this batch for placement decisions. */
    public BatchShape shape() {
        return new BatchShape(count(), totalBytes());
    }

    /** Throws unless {@code out} can hold one result per buffer. */
    public void requireOutput(String field, int outLength, int perBuffer) {
        long need = (long) count() * perBuffer;
        if (outLength < need) {
            throw new IllegalArgumentException(field + ".length: " + outLength + " (expected: >= " + need + ")");
        }
    }
}
