package io.harpoon.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.reference.ReferenceBackend;
import io.harpoon.testsupport.SeededRandom;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract every backend passes: known answers from the standards and spec/frp-wire.md section 15, and
 * random batches (fresh data per run, seed printed on failure) compared byte for byte with the reference.
 * A backend's test extends this, supplies {@link #backend()} and makes {@link #assumeAvailable()} skip (or, for
 * CI components under HARPOON_STRICT, fail) when the backend cannot run here. No fallback is involved: the
 * backend under test runs the kernel or the test fails.
 */
@ExtendWith(SeededRandom.class)
public abstract class KernelBackendContract {
    protected static final HexFormat HEX = HexFormat.of();
    /** Buffer sizes of the issue: around the block size, a page, and past 64 KiB. */
    protected static final int[] SIZES = {0, 1, 15, 16, 17, 4095, 65537};

    protected final KernelBackend reference = new ReferenceBackend();

    protected abstract KernelBackend backend();

    /** Skip (or fail under HARPOON_STRICT for components CI must have) when the backend is unavailable. */
    protected abstract void assumeAvailable();

    /** Largest batch the random tests use; device backends on a CPU may lower it for time. */
    protected int maxBatch() {
        return 10_000;
    }

    @BeforeEach
    void available() {
        assumeAvailable();
    }

    protected static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    // ---------------------------------------------------------------- known answers

    @Test
    void crc32cCheckValue() {
        int[] out = new int[1];
        backend().crc32c(BatchBuffers.pack("123456789".getBytes()), out);
        assertEquals(0xe3069283, out[0]);
    }

    @Test
    void maskedCrcOfSnappyHelloFrame() {
        // spec/frp-wire.md 15: crc32c("hello") = 9a71bb4c, masked LE bytes bb 1f 1c 19
        int[] out = new int[2];
        backend().crc32c(BatchBuffers.pack("hello".getBytes()), out);
        assertEquals(0x9a71bb4c, out[0]);
        backend().crc32cMasked(BatchBuffers.pack("hello".getBytes()), out);
        assertEquals(0x191c1fbb, out[0]);
    }

    @Test
    void cfbNistSp80038aF313AndF314() {
        byte[] key = hex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] iv = hex("000102030405060708090a0b0c0d0e0f");
        byte[] pt = hex("6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51"
                + "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710");
        byte[] ct = hex("3b3fd92eb72dad20333449f8e83cfb4a c8a64537a0b3a93fcde3cdad9f1ce58b"
                + "26751f67a3cbb140b1808cf187a4f4df c04b05357c5d1c0eeac4c66f9ff7f2e6");
        byte[] buf = pt.clone();
        BatchBuffers b = BatchBuffers.single(buf, 0, buf.length);
        backend().aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {new CfbStream(key, iv)}, b);
        assertArrayEquals(ct, buf, "F.3.13 CFB128-AES128.Encrypt");
        backend().aes128Cfb(CfbDirection.DECRYPT, new CfbStream[] {new CfbStream(key, iv)}, b);
        assertArrayEquals(pt, buf, "F.3.14 CFB128-AES128.Decrypt");
    }

    @Test
    void cfbFrpVectorDecryptsAtEverySplit() {
        // spec/frp-wire.md 15 / C13: key = PBKDF2("12345678","frp",64,16), IV 00..0f, two ReqWorkConn frames
        byte[] key = hex("b7eac3f66310824c114f56f8274fdfea");
        byte[] iv = hex("000102030405060708090a0b0c0d0e0f");
        byte[] pt = hex("7200000000000000027b7d7200000000000000027b7d");
        byte[] ct = hex("5e98a24026e4cf47613434ac3402bd6ed4ed2ec412ac");
        for (int split = 0; split <= ct.length; split++) {
            byte[] buf = ct.clone();
            CfbStream s = new CfbStream(key, iv);
            backend().aes128Cfb(CfbDirection.DECRYPT, new CfbStream[] {s}, BatchBuffers.single(buf, 0, split));
            backend().aes128Cfb(CfbDirection.DECRYPT, new CfbStream[] {s}, BatchBuffers.single(buf, split, ct.length - split));
            assertArrayEquals(pt, buf, "split at " + split);
        }
        byte[] buf = pt.clone();
        backend().aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {new CfbStream(key, iv)}, BatchBuffers.single(buf, 0, buf.length));
        assertArrayEquals(ct, buf);
    }

    @Test
    void gcmSpecTestCases() {
        String k1 = "feffe9928665731c6d6a8f9467308308";
        String p3 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
        String p4 = p3.substring(0, 120);
        String aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
        String iv = "cafebabefacedbaddecaf888";
        String[][] cases = {
            // name, key, iv, aad, plaintext, ciphertext, tag (McGrew and Viega, "The GCM mode of operation")
            {"TC1", "00000000000000000000000000000000", "000000000000000000000000", "", "", "", "58e2fccefa7e3061367f1d57a4e7455a"},
            {"TC2", "00000000000000000000000000000000", "000000000000000000000000", "", "00000000000000000000000000000000",
                "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"},
            {"TC3", k1, iv, "", p3, "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985", "4d5c2af327cd64a62cf35abd2ba6fab4"},
            {"TC4", k1, iv, aad, p4, "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091", "5bc94fbc3221a5db94fae95ae7121a47"},
            {"TC13", "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000", "", "", "",
                "530f8afbc74536b9a963b4f1c4cb738b"},
            {"TC14", "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000", "",
                "00000000000000000000000000000000", "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"},
            {"TC16", k1 + k1, iv, aad, p4, "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662", "76fc6ece0f4e1768cddf8853bb2d551b"},
        };
        for (String[] c : cases) {
            byte[] data = hex(c[4]);
            byte[] tags = new byte[16];
            GcmBatch b = new GcmBatch(BatchBuffers.single(data, 0, data.length), new byte[][] {hex(c[1])},
                    new byte[][] {hex(c[2])}, BatchBuffers.pack(hex(c[3])), tags);
            backend().gcmSeal(b);
            assertEquals(c[5], HEX.formatHex(data), c[0] + " ciphertext");
            assertEquals(c[6], HEX.formatHex(tags), c[0] + " tag");
            boolean[] ok = backend().gcmOpen(b);
            assertTrue(ok[0], c[0] + " opens");
            assertEquals(c[4], HEX.formatHex(data), c[0] + " plaintext");
        }
    }

    // ---------------------------------------------------------------- random batches against the reference

    /** Random batch: every size of {@link #SIZES} at least once, odd gaps so offsets are unaligned. */
    protected static BatchBuffers randomBatch(Random rnd, int count) {
        int[] lens = new int[count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            lens[i] = i < SIZES.length ? SIZES[i] : (count > 1000 ? rnd.nextInt(300) : rnd.nextInt(5000));
            total += lens[i] + 3;
        }
        byte[] data = new byte[(int) total + 1];
        rnd.nextBytes(data);
        int[] offs = new int[count];
        int pos = 1;
        for (int i = 0; i < count; i++) {
            offs[i] = pos;
            pos += lens[i] + rnd.nextInt(4);
        }
        return new BatchBuffers(data, offs, lens);
    }

    protected int[] batchCounts() {
        return new int[] {1, 7, 257, maxBatch()};
    }

    @Test
    void crcRandomBatchesMatchReference(Random rnd) {
        for (int count : batchCounts()) {
            BatchBuffers in = randomBatch(rnd, count);
            int[] want = new int[count];
            int[] got = new int[count];
            reference.crc32c(in, want);
            backend().crc32c(in, got);
            assertArrayEquals(want, got, "crc32c, batch of " + count);
            reference.crc32cMasked(in, want);
            backend().crc32cMasked(in, got);
            assertArrayEquals(want, got, "masked crc32c, batch of " + count);
        }
    }

    @Test
    void cfbRandomBatchesMatchReferenceAndContinueAcrossCalls(Random rnd) {
        for (int count : new int[] {1, 7, Math.min(1000, maxBatch())}) {
            BatchBuffers in = randomBatch(rnd, count);
            for (CfbDirection dir : CfbDirection.values()) {
                CfbStream[] a = streams(rnd, count);
                CfbStream[] b = copies(a);
                byte[] want = in.data().clone();
                byte[] got = in.data().clone();
                // first pass: the whole buffers on the reference; in two batches split at a random point on the backend
                reference.aes128Cfb(dir, a, new BatchBuffers(want, in.offsets(), in.lengths()));
                int[] firstLen = new int[count];
                int[] secondOff = new int[count];
                int[] secondLen = new int[count];
                for (int i = 0; i < count; i++) {
                    firstLen[i] = in.lengths()[i] == 0 ? 0 : rnd.nextInt(in.lengths()[i] + 1);
                    secondOff[i] = in.offsets()[i] + firstLen[i];
                    secondLen[i] = in.lengths()[i] - firstLen[i];
                }
                backend().aes128Cfb(dir, b, new BatchBuffers(got, in.offsets(), firstLen));
                backend().aes128Cfb(dir, b, new BatchBuffers(got, secondOff, secondLen));
                assertArrayEquals(want, got, dir + ", batch of " + count);
                for (int i = 0; i < count; i++) {
                    assertTrue(a[i].sameStateAs(b[i]), dir + " stream state " + i);
                }
            }
        }
    }

    @Test
    void cfbSplitAtEveryBoundaryOfAShortStream(Random rnd) {
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        rnd.nextBytes(key);
        rnd.nextBytes(iv);
        byte[] pt = new byte[53];
        rnd.nextBytes(pt);
        byte[] want = pt.clone();
        reference.aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {new CfbStream(key, iv)}, BatchBuffers.single(want, 0, want.length));
        for (int split = 0; split <= pt.length; split++) {
            byte[] got = pt.clone();
            CfbStream s = new CfbStream(key, iv);
            backend().aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {s}, BatchBuffers.single(got, 0, split));
            backend().aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {s}, BatchBuffers.single(got, split, pt.length - split));
            assertArrayEquals(want, got, "split at " + split);
        }
    }

    @Test
    void gcmRandomBatchesMatchReferenceAndDetectTampering(Random rnd) {
        for (int count : new int[] {1, 7, Math.min(500, maxBatch())}) {
            BatchBuffers in = randomBatch(rnd, count);
            BatchBuffers aad = randomBatch(rnd, count);
            byte[][] keys = new byte[count][];
            byte[][] ivs = new byte[count][];
            for (int i = 0; i < count; i++) {
                keys[i] = new byte[rnd.nextBoolean() ? 16 : 32];
                rnd.nextBytes(keys[i]);
                ivs[i] = new byte[12];
                rnd.nextBytes(ivs[i]);
            }
            byte[] want = in.data().clone();
            byte[] got = in.data().clone();
            byte[] wantTags = new byte[count * 16];
            byte[] gotTags = new byte[count * 16];
            reference.gcmSeal(new GcmBatch(new BatchBuffers(want, in.offsets(), in.lengths()), keys, ivs, aad, wantTags));
            GcmBatch g = new GcmBatch(new BatchBuffers(got, in.offsets(), in.lengths()), keys, ivs, aad, gotTags);
            backend().gcmSeal(g);
            assertArrayEquals(want, got, "ciphertext, batch of " + count);
            assertArrayEquals(wantTags, gotTags, "tags, batch of " + count);
            int bad = rnd.nextInt(count);
            gotTags[bad * 16 + rnd.nextInt(16)] ^= 1;
            boolean[] ok = backend().gcmOpen(g);
            for (int i = 0; i < count; i++) {
                byte[] plain = java.util.Arrays.copyOfRange(got, in.offsets()[i], in.offsets()[i] + in.lengths()[i]);
                if (i == bad) {
                    assertFalse(ok[i], "tampered tag " + i + " must not verify");
                    assertArrayEquals(new byte[in.lengths()[i]], plain, "unauthenticated plaintext must not be released");
                } else {
                    assertTrue(ok[i], "message " + i);
                    assertArrayEquals(in.copyOf(i), plain, "plaintext " + i);
                }
            }
        }
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badInputIsRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend().crc32c(null, new int[1]));
        assertTrue(e.getMessage().startsWith("in:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> backend().crc32c(BatchBuffers.pack(new byte[3], new byte[4]), new int[1]));
        assertTrue(e.getMessage().startsWith("out.length: 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> backend().aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[2], BatchBuffers.pack(new byte[3])));
        assertTrue(e.getMessage().startsWith("streams.length: 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> backend().aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[1], BatchBuffers.pack(new byte[3])));
        assertTrue(e.getMessage().startsWith("streams[0]: null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> backend().gcmSeal(null));
        assertTrue(e.getMessage().startsWith("batch:"), e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    protected static CfbStream[] streams(Random rnd, int count) {
        CfbStream[] s = new CfbStream[count];
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[16];
            byte[] iv = new byte[16];
            rnd.nextBytes(key);
            rnd.nextBytes(iv);
            s[i] = new CfbStream(key, iv);
        }
        return s;
    }

    protected static CfbStream[] copies(CfbStream[] s) {
        CfbStream[] c = new CfbStream[s.length];
        for (int i = 0; i < s.length; i++) {
            c[i] = s[i].copy();
        }
        return c;
    }
}
