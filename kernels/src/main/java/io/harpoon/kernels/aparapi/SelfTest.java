package io.harpoon.kernels.aparapi;

import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.reference.ReferenceBackend;
import java.util.Arrays;

/**
 * The probe's proof that the device really runs the kernels: each kernel on a small fixed batch (empty, short,
 * block-sized and multi-block buffers, both AES key sizes, one forged tag), compared with the reference. A
 * device that builds the kernels but computes wrong bytes is reported unavailable rather than trusted.
 */
final class SelfTest {
    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 100};

    private SelfTest() {
    }

    static void run(AparapiRuntime rt) {
        ReferenceBackend ref = new ReferenceBackend();
        BatchBuffers in = batch(1);

        int[] want = new int[LENGTHS.length];
        int[] got = new int[LENGTHS.length];
        ref.crc32cMasked(in, want);
        AparapiBackend.crc(rt, in, got, true);
        check("masked crc32c", Arrays.equals(want, got));

        CfbStream[] a = new CfbStream[LENGTHS.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = new CfbStream(fill(16, 3 * i + 1), fill(16, 5 * i + 2));
        }
        CfbStream[] b = new CfbStream[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].copy();
        }
        BatchBuffers wantCfb = batch(2);
        BatchBuffers gotCfb = batch(2);
        ref.aes128Cfb(CfbDirection.ENCRYPT, a, wantCfb);
        AparapiBackend.cfb(rt, CfbDirection.ENCRYPT, b, gotCfb);
        check("aes128-cfb", Arrays.equals(wantCfb.data(), gotCfb.data()) && a[5].sameStateAs(b[5]));

        byte[][] keys = new byte[LENGTHS.length][];
        byte[][] ivs = new byte[LENGTHS.length][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = fill(i % 2 == 0 ? 16 : 32, 7 * i + 3);
            ivs[i] = fill(GcmBatch.IV_BYTES, 11 * i + 4);
        }
        GcmBatch wantGcm = new GcmBatch(batch(3), keys, ivs, batch(4), new byte[16 * LENGTHS.length]);
        GcmBatch gotGcm = new GcmBatch(batch(3), keys, ivs, batch(4), new byte[16 * LENGTHS.length]);
        ref.gcmSeal(wantGcm);
        AparapiBackend.gcm(rt, gotGcm, false);
        check("aes-gcm seal", Arrays.equals(wantGcm.data().data(), gotGcm.data().data())
                && Arrays.equals(wantGcm.tags(), gotGcm.tags()));
        gotGcm.tags()[16 * 4] ^= 1;
        boolean[] ok = AparapiBackend.gcm(rt, gotGcm, true);
        boolean[] okWant = {true, true, true, true, false, true};
        check("aes-gcm open", Arrays.equals(okWant, ok) && Arrays.equals(batch(3).copyOf(5), gotGcm.data().copyOf(5))
                && Arrays.equals(new byte[17], gotGcm.data().copyOf(4)));
    }

    private static void check(String kernel, boolean ok) {
        if (!ok) {
            throw new IllegalStateException(kernel + ": device result differs from the reference");
        }
    }

    /** Buffers of {@link #LENGTHS} with deterministic contents, one byte of padding before each. */
    private static BatchBuffers batch(int seed) {
        byte[][] bufs = new byte[LENGTHS.length][];
        for (int i = 0; i < bufs.length; i++) {
            bufs[i] = fill(LENGTHS[i], seed * 31 + i);
        }
        return BatchBuffers.pack(bufs);
    }

    private static byte[] fill(int len, int seed) {
        byte[] b = new byte[len];
        int x = seed * 0x9E3779B9 + 1;
        for (int i = 0; i < len; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            b[i] = (byte) x;
        }
        return b;
    }
}
