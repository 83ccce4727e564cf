package io.harpoon.kernels.api;

/** Argument checks shared by every backend, with messages in the form "field: value (expected: ...)". */
public final class Checks {
    private Checks() {
    }

    public static void crcArgs(BatchBuffers in, int[] out) {
        if (in == null) {
            throw new IllegalArgumentException("in: null (expected: a batch)");
        }
        if (out == null) {
            throw new IllegalArgumentException("out: null (expected: int[" + in.count() + "])");
        }
        in.requireOutput("out", out.length, 1);
    }

    public static void cfbArgs(CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
        if (direction == null) {
            throw new IllegalArgumentException("direction: null (expected: ENCRYPT or DECRYPT)");
        }
        if (data == null) {
            throw new IllegalArgumentException("data: null (expected: a batch)");
        }
        if (streams == null || streams.length != data.count()) {
            throw new IllegalArgumentException("streams.length: " + (streams == null ? "null" : streams.length)
                    + " (expected: " + data.count() + ")");
        }
        for (int i = 0; i < streams.length; i++) {
            if (streams[i] == null) {
                throw new IllegalArgumentException("streams[" + i + "]: null (expected: a CfbStream)");
            }
        }
    }

    public static void gcmArgs(GcmBatch batch) {
        if (batch == null) {
            throw new IllegalArgumentException("batch: null (expected: a GcmBatch)");
        }
    }

    /** Masks a CRC-32C as snappy framing does (spec/frp-wire.md section 10). */
    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }
}
