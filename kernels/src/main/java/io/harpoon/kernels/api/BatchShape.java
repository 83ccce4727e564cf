package io.harpoon.kernels.api;

/**
 * The shape of a batch as placement sees it: how many buffers and how many bytes in all.
 *
 * @param buffers number of buffers (streams for CFB), &gt;= 0
 * @param totalBytes sum of the buffer lengths, &gt;= 0
 */
public record BatchShape(int buffers, long totalBytes) {
    public BatchShape {
        if (buffers < 0) {
            throw new IllegalArgumentException("buffers: " + buffers + " (expected: >= 0)");
        }
        if (totalBytes < 0) {
            throw new IllegalArgumentException("totalBytes: " + totalBytes + " (expected: >= 0)");
        }
    }

    /** Average bytes per buffer (0 for an empty batch). */
    public long bytesPerBuffer() {
        return buffers == 0 ? 0 : totalBytes / buffers;
    }
}
