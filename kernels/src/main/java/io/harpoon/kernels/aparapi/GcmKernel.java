package io.harpoon.kernels.aparapi;

/**
 * AES-GCM seal and open, one work item per message: {@code reference.AesGcm} (CTR with inc32, GHASH by
 * algorithm 1 of SP 800-38D) for 128- and 256-bit keys. GHASH is a chain over the message's blocks, so a message
 * is one work item; batches supply the parallelism.
 *
 * <pre>
 *   message i : data[offsets[i] .. +lengths[i])  aad[aadOffsets[i] .. +aadLengths[i])
 *               roundKeys[60i .. )  rounds[i] (10 or 14)  ivs[12i .. +12)  tags[16i .. +16)  ok[i]
 *   scratch   : ghash[2i], ghash[2i+1] (the running GHASH value Y), block[4i .. +4) (AES output)
 * </pre>
 *
 * <p>Open computes the tag over the ciphertext first and compares all 16 bytes without an early exit; only a
 * matching tag decrypts, a mismatch zero-fills the buffer. The multiply is branch-free (masks instead of ifs),
 * so its timing does not depend on the data either.
 */
final class GcmKernel extends AesKernel {
    /** Words reserved per message for round keys (AES-256 needs 60, AES-128 uses the first 44). */
    static final int KEY_WORDS = 60;

    byte[] data = new byte[1];
    int[] offsets = new int[1];
    int[] lengths = new int[1];
    byte[] aad = new byte[1];
    int[] aadOffsets = new int[1];
    int[] aadLengths = new int[1];
    byte[] ivs = new byte[12];
    byte[] tags = new byte[16];
    int[] rounds = new int[1];
    int[] ok = new int[1];
    long[] ghash = new long[2];
    int count;
    /** 1: open (verify, then decrypt), 0: seal. */
    int opening;

    GcmKernel() {
        sbox = new int[256];
        roundKeys = new int[KEY_WORDS];
        block = new int[4];
    }

    int ivWord(int i, int w) {
        int b = 12 * i + 4 * w;
        return ((ivs[b] & 0xFF) << 24) | ((ivs[b + 1] & 0xFF) << 16) | ((ivs[b + 2] & 0xFF) << 8) | (ivs[b + 3] & 0xFF);
    }

    /** Two column words of block[4i..] as one big-endian long. */
    long blockLong(int i, int part) {
        return ((long) block[4 * i + 2 * part] << 32) | (block[4 * i + 2 * part + 1] & 0xFFFFFFFFL);
    }

    /** Y = Y * H in GF(2^128), GCM bit order, without data-dependent branches. */
    void ghashMul(int i, long hHi, long hLo) {
        long zHi = 0;
        long zLo = 0;
        long vHi = hHi;
        long vLo = hLo;
        long xHi = ghash[2 * i];
        long xLo = ghash[2 * i + 1];
        for (int k = 0; k < 128; k++) {
            long bit = k < 64 ? (xHi >>> (63 - k)) & 1L : (xLo >>> (127 - k)) & 1L;
            long take = -bit;
            zHi ^= vHi & take;
            zLo ^= vLo & take;
            long carry = -(vLo & 1L);
            vLo = (vLo >>> 1) | (vHi << 63);
            vHi = (vHi >>> 1) ^ (carry & 0xE100000000000000L);
        }
        ghash[2 * i] = zHi;
        ghash[2 * i + 1] = zLo;
    }

    /** Absorbs the message's AAD (isAad = 1) or ciphertext (0), the last block zero-padded. */
    void absorb(int i, int isAad, long hHi, long hLo) {
        int off = isAad != 0 ? aadOffsets[i] : offsets[i];
        int len = isAad != 0 ? aadLengths[i] : lengths[i];
        for (int pos = 0; pos < len; pos += 16) {
            long hi = 0;
            long lo = 0;
            for (int k = 0; k < 16; k++) {
                long b = 0;
                if (pos + k < len) {
                    b = (isAad != 0 ? aad[off + pos + k] : data[off + pos + k]) & 0xFF;
                }
                if (k < 8) {
                    hi = (hi << 8) | b;
                } else {
                    lo = (lo << 8) | b;
                }
            }
            ghash[2 * i] ^= hi;
            ghash[2 * i + 1] ^= lo;
            ghashMul(i, hHi, hLo);
        }
    }

    /** CTR over the message in place, counter blocks inc32(J0), inc32^2(J0), ... */
    void ctr(int i, int rk, int nr, int iv0, int iv1, int iv2) {
        int off = offsets[i];
        int len = lengths[i];
        int counter = 1;
        for (int pos = 0; pos < len; pos += 16) {
            counter++;
            encrypt(rk, nr, iv0, iv1, iv2, counter, i);
            int n = len - pos < 16 ? len - pos : 16;
            for (int j = 0; j < n; j++) {
                int w = block[4 * i + (j >> 2)];
                data[off + pos + j] = (byte) (data[off + pos + j] ^ (w >>> (24 - 8 * (j & 3))));
            }
        }
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < count) {
            int rk = KEY_WORDS * i;
            int nr = rounds[i];
            int iv0 = ivWord(i, 0);
            int iv1 = ivWord(i, 1);
            int iv2 = ivWord(i, 2);
            encrypt(rk, nr, 0, 0, 0, 0, i);
            long hHi = blockLong(i, 0);
            long hLo = blockLong(i, 1);
            if (opening == 0) {
                ctr(i, rk, nr, iv0, iv1, iv2);
            }
            ghash[2 * i] = 0;
            ghash[2 * i + 1] = 0;
            absorb(i, 1, hHi, hLo);
            absorb(i, 0, hHi, hLo);
            ghash[2 * i] ^= (long) aadLengths[i] * 8;
            ghash[2 * i + 1] ^= (long) lengths[i] * 8;
            ghashMul(i, hHi, hLo);
            encrypt(rk, nr, iv0, iv1, iv2, 1, i);
            long tHi = ghash[2 * i] ^ blockLong(i, 0);
            long tLo = ghash[2 * i + 1] ^ blockLong(i, 1);
            int tb = 16 * i;
            if (opening == 0) {
                for (int k = 0; k < 8; k++) {
                    tags[tb + k] = (byte) (tHi >>> (56 - 8 * k));
                    tags[tb + 8 + k] = (byte) (tLo >>> (56 - 8 * k));
                }
                ok[i] = 1;
            } else {
                long diff = 0;
                for (int k = 0; k < 8; k++) {
                    diff |= ((tHi >>> (56 - 8 * k)) ^ tags[tb + k]) & 0xFFL;
                    diff |= ((tLo >>> (56 - 8 * k)) ^ tags[tb + 8 + k]) & 0xFFL;
                }
                if (diff == 0) {
                    ctr(i, rk, nr, iv0, iv1, iv2);
                    ok[i] = 1;
                } else {
                    int off = offsets[i];
                    int end = off + lengths[i];
                    for (int p = off; p < end; p++) {
                        data[p] = 0;
                    }
                    ok[i] = 0;
                }
            }
        }
    }
}
