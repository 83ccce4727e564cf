package io.harpoon.kernels.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Bad input is rejected before any kernel runs, naming the field and the value. */
class BatchBuffersTest {

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void rejectsNullsAndInconsistentIndexArrays() {
        assertEquals("data: null (expected: a byte array)", message(() -> new BatchBuffers(null, new int[0], new int[0])));
        assertEquals("offsets: null (expected: an int array)", message(() -> new BatchBuffers(new byte[1], null, new int[0])));
        assertEquals("lengths.length: 2 (expected: offsets.length = 1)",
                message(() -> new BatchBuffers(new byte[1], new int[1], new int[2])));
        assertEquals("buffers[1]: null (expected: a byte array)", message(() -> BatchBuffers.pack(new byte[1], null)));
    }

    @Test
    void rejectsNegativeAndOutOfRangeOffsetsAndLengths() {
        assertEquals("offsets[0]: -1 (expected: 0..8)", message(() -> new BatchBuffers(new byte[8], new int[] {-1}, new int[] {1})));
        assertEquals("offsets[1]: 9 (expected: 0..8)",
                message(() -> new BatchBuffers(new byte[8], new int[] {0, 9}, new int[] {1, 0})));
        assertEquals("lengths[0]: -3 (expected: 0..8 at offset 0)",
                message(() -> new BatchBuffers(new byte[8], new int[] {0}, new int[] {-3})));
        assertEquals("lengths[0]: 6 (expected: 0..3 at offset 5)",
                message(() -> new BatchBuffers(new byte[8], new int[] {5}, new int[] {6})));
        // offset + length overflowing int is still caught
        assertEquals("lengths[0]: 2147483647 (expected: 0..7 at offset 1)",
                message(() -> new BatchBuffers(new byte[8], new int[] {1}, new int[] {Integer.MAX_VALUE})));
    }

    @Test
    void acceptsEmptyBuffersAtTheEndAndEmptyBatches() {
        BatchBuffers b = new BatchBuffers(new byte[8], new int[] {8, 0}, new int[] {0, 8});
        assertEquals(2, b.count());
        assertEquals(8, b.totalBytes());
        assertEquals(0, BatchBuffers.pack().count());
    }

    @Test
    void keyAndIvSizesAreChecked() {
        assertEquals("key.length: 15 (expected: 16)", message(() -> new CfbStream(new byte[15], new byte[16])));
        assertEquals("iv.length: null (expected: 16)", message(() -> new CfbStream(new byte[16], null)));
        BatchBuffers one = BatchBuffers.pack(new byte[4]);
        assertEquals("keys[0].length: 24 (expected: 16 or 32)",
                message(() -> new GcmBatch(one, new byte[][] {new byte[24]}, new byte[][] {new byte[12]}, null, new byte[16])));
        assertEquals("ivs[0].length: 16 (expected: 12)",
                message(() -> new GcmBatch(one, new byte[][] {new byte[16]}, new byte[][] {new byte[16]}, null, new byte[16])));
        assertEquals("tags.length: 15 (expected: >= 16)",
                message(() -> new GcmBatch(one, new byte[][] {new byte[16]}, new byte[][] {new byte[12]}, null, new byte[15])));
        assertEquals("aad.count: 2 (expected: 1)", message(() -> new GcmBatch(one, new byte[][] {new byte[16]},
                new byte[][] {new byte[12]}, BatchBuffers.pack(new byte[1], new byte[1]), new byte[16])));
    }
}
