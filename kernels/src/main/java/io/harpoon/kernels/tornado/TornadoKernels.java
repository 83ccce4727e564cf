package io.harpoon.kernels.tornado;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * The four kernels as TornadoVM task methods: one {@code @Parallel} loop iteration per buffer, stream or message,
 * over flat primitive arrays (see {@link Launch} for the layouts). Derived line by line from
 * {@code io.harpoon.kernels.reference}. The same methods run unchanged as plain Java (the loop is then
 * sequential), which is how the CPU tests check them against the reference.
 *
 * <p>Rules that keep them compilable by TornadoVM: static, primitive arrays and scalars only, no allocation, no
 * exceptions, no {@code >>>} (see {@link TornadoAes}); scalar settings travel in {@code control} arrays because a
 * task's scalar arguments are frozen when its graph is built. Padding slots of a launch (index past the real batch)
 * have length 0 and, for GCM, {@code rounds == 0}, so they do nothing.
 */
public final class TornadoKernels {
    /** {@code control[CONTROL_MODE]}: masked CRC, CFB encrypt, GCM open when non-zero. */
    public static final int CONTROL_MODE = 0;

    private TornadoKernels() {
    }

    /** {@code out[i] = crc32c(buffer i)}, masked as snappy does when {@code control[0] != 0}. */
    public static void crc32c(byte[] data, int[] offsets, int[] lengths, int[] table, int[] control, int[] out) {
        for (@Parallel int i = 0; i < lengths.length; i++) {
            int c = 0xFFFFFFFF;
            int end = offsets[i] + lengths[i];
            for (int j = offsets[i]; j < end; j++) {
                c = table[(c ^ data[j]) & 0xFF] ^ ((c >> 8) & 0x00FFFFFF);
            }
            int crc = ~c;
            if (control[CONTROL_MODE] != 0) {
                crc = (((crc >> 15) & 0x0001FFFF) | (crc << 17)) + 0xa282ead8;
            }
            out[i] = crc;
        }
    }

    /**
     * AES-128-CFB128 in place, one stream per iteration; {@code state[32i..32i+16)} is the feedback register and
     * {@code state[32i+16..32i+32)} the keystream block, {@code used[i]} the bytes of it already used.
     * {@code control[0] != 0} encrypts. {@code scratch} holds 4 words per stream.
     */
    public static void aes128Cfb(byte[] data, int[] offsets, int[] lengths, int[] roundKeys, int[] sbox,
                                 int[] control, byte[] state, int[] used, int[] scratch) {
        for (@Parallel int i = 0; i < lengths.length; i++) {
            boolean encrypt = control[CONTROL_MODE] != 0;
            int off = offsets[i];
            int len = lengths[i];
            int base = 32 * i;
            int sc = 4 * i;
            int wOff = TornadoAes.KEY_STRIDE * i;
            int u = used[i];
            for (int j = 0; j < len; j++) {
                if (u == 16) {
                    TornadoAes.encrypt(roundKeys, wOff, 10, sbox, TornadoAes.word(state, base),
                            TornadoAes.word(state, base + 4), TornadoAes.word(state, base + 8),
                            TornadoAes.word(state, base + 12), scratch, sc);
                    for (int k = 0; k < 16; k++) {
                        state[base + 16 + k] = TornadoAes.blockByte(scratch, sc, k);
                    }
                    u = 0;
                }
                byte in = data[off + j];
                byte out = (byte) (in ^ state[base + 16 + u]);
                state[base + u] = encrypt ? out : in;
                data[off + j] = out;
                u++;
            }
            used[i] = u;
        }
    }

    /**
     * AES-GCM seal ({@code control[0] == 0}) or open, one message per iteration. Seal encrypts and writes
     * {@code tags[16i..]}, {@code ok[i] = 1}; open checks the tag over the ciphertext first and either decrypts
     * ({@code ok[i] = 1}) or zero-fills the message ({@code ok[i] = 0}), never releasing unauthenticated plaintext.
     * {@code roundKeys} holds {@link TornadoAes#KEY_STRIDE} words per message, {@code rounds[i]} is 10 or 14 (0 for
     * a padding slot), {@code ivs} 12 bytes per message, {@code scratch} 4 words per message.
     */
    public static void gcm(byte[] data, int[] offsets, int[] lengths, byte[] aad, int[] aadOffsets, int[] aadLengths,
                           int[] roundKeys, int[] rounds, byte[] ivs, int[] sbox, int[] control, byte[] tags, int[] ok,
                           int[] scratch) {
        for (@Parallel int i = 0; i < lengths.length; i++) {
            int nr = rounds[i];
            if (nr != 0) {
                boolean open = control[CONTROL_MODE] != 0;
                int off = offsets[i];
                int len = lengths[i];
                int wOff = TornadoAes.KEY_STRIDE * i;
                int sc = 4 * i;
                int iv0 = TornadoAes.word(ivs, 12 * i);
                int iv1 = TornadoAes.word(ivs, 12 * i + 4);
                int iv2 = TornadoAes.word(ivs, 12 * i + 8);
                // H = E_K(0^128), then E_K(J0) with J0 = IV || 00000001
                TornadoAes.encrypt(roundKeys, wOff, nr, sbox, 0, 0, 0, 0, scratch, sc);
                long hHi = ((long) scratch[sc] << 32) | (scratch[sc + 1] & 0xFFFFFFFFL);
                long hLo = ((long) scratch[sc + 2] << 32) | (scratch[sc + 3] & 0xFFFFFFFFL);
                TornadoAes.encrypt(roundKeys, wOff, nr, sbox, iv0, iv1, iv2, 1, scratch, sc);
                long ejHi = ((long) scratch[sc] << 32) | (scratch[sc + 1] & 0xFFFFFFFFL);
                long ejLo = ((long) scratch[sc + 2] << 32) | (scratch[sc + 3] & 0xFFFFFFFFL);
                if (!open) {
                    ctr(data, off, len, roundKeys, wOff, nr, sbox, iv0, iv1, iv2, scratch, sc);
                }
                // GHASH over AAD blocks, ciphertext blocks, then the length block; y = (y ^ x) * H
                int aOff = aadOffsets[i];
                int aLen = aadLengths[i];
                int nA = (aLen + 15) / 16;
                int nC = (len + 15) / 16;
                long yHi = 0;
                long yLo = 0;
                for (int b = 0; b <= nA + nC; b++) {
                    if (b < nA) {
                        int p = 16 * b;
                        yHi ^= TornadoAes.load64(aad, aOff + p, aLen - p);
                        yLo ^= TornadoAes.load64(aad, aOff + p + 8, aLen - p - 8);
                    } else if (b < nA + nC) {
                        int p = 16 * (b - nA);
                        yHi ^= TornadoAes.load64(data, off + p, len - p);
                        yLo ^= TornadoAes.load64(data, off + p + 8, len - p - 8);
                    } else {
                        yHi ^= (long) aLen * 8;
                        yLo ^= (long) len * 8;
                    }
                    long zHi = 0;
                    long zLo = 0;
                    long vHi = hHi;
                    long vLo = hLo;
                    for (int bit = 0; bit < 128; bit++) {
                        long x = bit < 64 ? (yHi >> (63 - bit)) & 1L : (yLo >> (127 - bit)) & 1L;
                        if (x != 0) {
                            zHi ^= vHi;
                            zLo ^= vLo;
                        }
                        long lsb = vLo & 1L;
                        vLo = TornadoAes.shr1(vLo) | (vHi << 63);
                        vHi = TornadoAes.shr1(vHi);
                        if (lsb != 0) {
                            vHi ^= 0xE100000000000000L;
                        }
                    }
                    yHi = zHi;
                    yLo = zLo;
                }
                long tHi = yHi ^ ejHi;
                long tLo = yLo ^ ejLo;
                int t = 16 * i;
                if (!open) {
                    for (int k = 0; k < 8; k++) {
                        tags[t + k] = (byte) (tHi >> (56 - 8 * k));
                        tags[t + 8 + k] = (byte) (tLo >> (56 - 8 * k));
                    }
                    ok[i] = 1;
                } else {
                    long diff = (tHi ^ TornadoAes.load64(tags, t, 8)) | (tLo ^ TornadoAes.load64(tags, t + 8, 8));
                    if (diff == 0) {
                        ctr(data, off, len, roundKeys, wOff, nr, sbox, iv0, iv1, iv2, scratch, sc);
                        ok[i] = 1;
                    } else {
                        for (int k = 0; k < len; k++) {
                            data[off + k] = 0;
                        }
                        ok[i] = 0;
                    }
                }
            }
        }
    }

    /** GCM's CTR pass over {@code data[off..off+len)}: keystream block j = E_K(IV || (2 + j)). */
    static void ctr(byte[] data, int off, int len, int[] roundKeys, int wOff, int nr, int[] sbox, int iv0, int iv1,
                    int iv2, int[] scratch, int sc) {
        int counter = 2;
        for (int pos = 0; pos < len; pos += 16) {
            TornadoAes.encrypt(roundKeys, wOff, nr, sbox, iv0, iv1, iv2, counter, scratch, sc);
            int n = Math.min(16, len - pos);
            for (int k = 0; k < n; k++) {
                data[off + pos + k] = (byte) (data[off + pos + k] ^ TornadoAes.blockByte(scratch, sc, k));
            }
            counter++;
        }
    }
}
