package io.harpoon.kernels.bench;

/**
 * One measured point: a kernel on a backend for a batch shape.
 *
 * @param kernel kernel wire name ({@code crc32c}, {@code aes128-cfb}, ...)
 * @param backend backend wire name
 * @param bufferBytes bytes per buffer
 * @param buffers buffers per batch
 * @param iterations batches timed
 * @param nanosPerBatch median wall time of one batch call, device transfers included
 * @param note "" or why the point has no figure (e.g. the backend failed, with the cause)
 */
public record Measurement(String kernel, String backend, int bufferBytes, int buffers, int iterations,
                          double nanosPerBatch, String note) {

    public long batchBytes() {
        return (long) bufferBytes * buffers;
    }

    /** Throughput in GB/s (10^9 bytes per second); 0 when not measured. */
    public double gbps() {
        return nanosPerBatch <= 0 ? 0 : batchBytes() / nanosPerBatch;
    }

    public boolean measured() {
        return nanosPerBatch > 0;
    }
}
