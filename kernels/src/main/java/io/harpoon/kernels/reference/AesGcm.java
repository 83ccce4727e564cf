package io.harpoon.kernels.reference;

import java.security.MessageDigest;

/**
 * AES-GCM (NIST SP 800-38D) with 96-bit IVs and 128-bit tags, the reference: CTR with inc32 and GHASH by the
 * bitwise algorithm 1 of the standard (no tables), 128-bit values as two longs, big-endian.
 *
 * <pre>
 *   H  = E_K(0^128)          J0 = IV || 00000001
 *   C  = P xor E_K(inc32(J0)), E_K(inc32^2(J0)), ...
 *   S  = GHASH_H(A || pad || C || pad || [len(A)]64 || [len(C)]64)
 *   T  = E_K(J0) xor S
 * </pre>
 */
public final class AesGcm {
    private AesGcm() {
    }

    /** Encrypts {@code data[off..+len)} in place; writes the 16-byte tag to {@code tag[tagOff..+16)}. */
    public static void seal(byte[] key, byte[] iv, byte[] aad, int aadOff, int aadLen, byte[] data, int off, int len,
                            byte[] tag, int tagOff) {
        int[] w = Aes.expandKey(key);
        ctr(w, iv, data, off, len);
        computeTag(w, iv, aad, aadOff, aadLen, data, off, len, tag, tagOff);
    }

    /**
     * Verifies the tag over the ciphertext and, only if it matches, decrypts in place. On a mismatch the
     * buffer is zero-filled and false is returned.
     */
    public static boolean open(byte[] key, byte[] iv, byte[] aad, int aadOff, int aadLen, byte[] data, int off, int len,
                               byte[] tag, int tagOff) {
        int[] w = Aes.expandKey(key);
        byte[] expect = new byte[16];
        computeTag(w, iv, aad, aadOff, aadLen, data, off, len, expect, 0);
        byte[] got = new byte[16];
        System.arraycopy(tag, tagOff, got, 0, 16);
        if (!MessageDigest.isEqual(expect, got)) {
            java.util.Arrays.fill(data, off, off + len, (byte) 0);
            return false;
        }
        ctr(w, iv, data, off, len);
        return true;
    }

    private static void ctr(int[] w, byte[] iv, byte[] data, int off, int len) {
        byte[] counter = new byte[16];
        System.arraycopy(iv, 0, counter, 0, 12);
        int ctr = 1;
        byte[] ks = new byte[16];
        for (int pos = 0; pos < len; pos += 16) {
            ctr++; // inc32(J0) first
            counter[12] = (byte) (ctr >>> 24);
            counter[13] = (byte) (ctr >>> 16);
            counter[14] = (byte) (ctr >>> 8);
            counter[15] = (byte) ctr;
            Aes.encryptBlock(w, counter, 0, ks, 0);
            int n = Math.min(16, len - pos);
            for (int j = 0; j < n; j++) {
                data[off + pos + j] ^= ks[j];
            }
        }
    }

    private static void computeTag(int[] w, byte[] iv, byte[] aad, int aadOff, int aadLen, byte[] c, int off, int len,
                                   byte[] tag, int tagOff) {
        byte[] h = new byte[16];
        Aes.encryptBlock(w, h, 0, h, 0);
        long hHi = getLong(h, 0);
        long hLo = getLong(h, 8);
        long[] y = new long[2];
        absorb(y, hHi, hLo, aad, aadOff, aadLen);
        absorb(y, hHi, hLo, c, off, len);
        y[0] ^= (long) aadLen * 8;
        y[1] ^= (long) len * 8;
        mul(y, hHi, hLo);
        byte[] j0 = new byte[16];
        System.arraycopy(iv, 0, j0, 0, 12);
        j0[15] = 1;
        Aes.encryptBlock(w, j0, 0, j0, 0);
        putLong(tag, tagOff, y[0] ^ getLong(j0, 0));
        putLong(tag, tagOff + 8, y[1] ^ getLong(j0, 8));
    }

    /** y = (y xor block) * H for every 16-byte block of {@code b[off..+len)}, the last one zero-padded. */
    private static void absorb(long[] y, long hHi, long hLo, byte[] b, int off, int len) {
        byte[] block = new byte[16];
        for (int pos = 0; pos < len; pos += 16) {
            int n = Math.min(16, len - pos);
            java.util.Arrays.fill(block, (byte) 0);
            System.arraycopy(b, off + pos, block, 0, n);
            y[0] ^= getLong(block, 0);
            y[1] ^= getLong(block, 8);
            mul(y, hHi, hLo);
        }
    }

    /** y = y * H in GF(2^128) with GCM's bit order (algorithm 1 of SP 800-38D). */
    static void mul(long[] y, long hHi, long hLo) {
        long zHi = 0;
        long zLo = 0;
        long vHi = hHi;
        long vLo = hLo;
        long xHi = y[0];
        long xLo = y[1];
        for (int i = 0; i < 128; i++) {
            long bit = i < 64 ? (xHi >>> (63 - i)) & 1 : (xLo >>> (127 - i)) & 1;
            if (bit != 0) {
                zHi ^= vHi;
                zLo ^= vLo;
            }
            boolean lsb = (vLo & 1) != 0;
            vLo = (vLo >>> 1) | (vHi << 63);
            vHi = vHi >>> 1;
            if (lsb) {
                vHi ^= 0xE100000000000000L;
            }
        }
        y[0] = zHi;
        y[1] = zLo;
    }

    private static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
