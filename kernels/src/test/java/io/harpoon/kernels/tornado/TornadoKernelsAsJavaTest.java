package io.harpoon.kernels.tornado;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.harpoon.kernels.KernelBackendContract;
import io.harpoon.kernels.api.BackendFailure;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.reference.Aes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The TornadoVM kernel methods and the tornado backend's host code (staging, padding slots, stream state in and
 * out), run as plain sequential Java against the whole backend contract: known answers and random batches compared
 * byte for byte with the reference. What TornadoVM compiles is exactly these methods, so this is the CPU half of
 * the check; {@link TornadoBackendTest} is the device half.
 */
class TornadoKernelsAsJavaTest extends KernelBackendContract {
    private final KernelBackend backend = TornadoBackend.plainJava();

    @Override
    protected KernelBackend backend() {
        return backend;
    }

    @Override
    protected void assumeAvailable() {
    }

    @Test
    void aesBlockMatchesReferenceForBothKeySizes(Random rnd) {
        int[] sbox = Aes.sboxCopy();
        for (int keyLen : new int[] {16, 32}) {
            for (int n = 0; n < 200; n++) {
                byte[] key = new byte[keyLen];
                byte[] block = new byte[16];
                rnd.nextBytes(key);
                rnd.nextBytes(block);
                int[] w = Aes.expandKey(key);
                byte[] want = new byte[16];
                Aes.encryptBlock(w, block, 0, want, 0);
                int[] out = new int[4];
                TornadoAes.encrypt(w, 0, w.length / 4 - 1, sbox, TornadoAes.word(block, 0), TornadoAes.word(block, 4),
                        TornadoAes.word(block, 8), TornadoAes.word(block, 12), out, 0);
                byte[] got = new byte[16];
                for (int k = 0; k < 16; k++) {
                    got[k] = TornadoAes.blockByte(out, 0, k);
                }
                assertArrayEquals(want, got, "AES-" + keyLen * 8 + " block " + n);
            }
        }
    }

    @Test
    void fips197AppendixBBlock() {
        byte[] key = hex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] in = hex("3243f6a8885a308d313198a2e0370734");
        int[] w = Aes.expandKey(key);
        int[] out = new int[4];
        TornadoAes.encrypt(w, 0, 10, Aes.sboxCopy(), TornadoAes.word(in, 0), TornadoAes.word(in, 4),
                TornadoAes.word(in, 8), TornadoAes.word(in, 12), out, 0);
        assertEquals("3925841d02dc09fbdc118597196a0b32",
                String.format("%08x%08x%08x%08x", out[0], out[1], out[2], out[3]));
    }

    @Test
    void paddingSlotsOfAReusedLaunchDoNotLeakIntoResults(Random rnd) {
        // One shape class, a big batch then a small one through the same staging arrays (as a cached plan does).
        BatchBuffers big = randomBatch(rnd, 40);
        Launch.ShapeClass shape = Launch.ShapeClass.of(Launch.Kind.CRC32C, big.count(), big.totalBytes(), 0);
        CrcLaunch l = new CrcLaunch(shape);
        for (BatchBuffers in : new BatchBuffers[] {big, BatchBuffers.pack(new byte[] {1, 2, 3}, new byte[0])}) {
            int[] want = new int[in.count()];
            reference.crc32c(in, want);
            l.load(in, false);
            l.runAsJava();
            int[] got = new int[in.count()];
            l.store(got);
            assertArrayEquals(want, got, "batch of " + in.count() + " in a launch of " + shape.slots() + " slots");
        }
    }

    @Test
    void shapeClassesRoundUpToPowersOfTwoAndRefuseHugeBatches() {
        Launch.ShapeClass s = Launch.ShapeClass.of(Launch.Kind.AES_GCM, 257, 65537, 0);
        assertEquals(new Launch.ShapeClass(Launch.Kind.AES_GCM, 512, 131072, Launch.MIN_BYTES), s);
        assertEquals(s, Launch.ShapeClass.of(Launch.Kind.AES_GCM, 512, 100_000, 100), "same class, same plan");
        assertEquals(Launch.ShapeClass.of(Launch.Kind.CRC32C, 1, 0, 0), Launch.ShapeClass.of(Launch.Kind.CRC32C, 200, 60_000, 0),
                "small batches share the smallest class");
        assertEquals(0, Launch.ShapeClass.of(Launch.Kind.CRC32C, 1, 1, 1).aadBytes(), "no AAD outside GCM");
        assertThrows(BackendFailure.class, () -> Launch.ShapeClass.of(Launch.Kind.CRC32C, 1, (1L << 30) + 1, 0));
    }
}
