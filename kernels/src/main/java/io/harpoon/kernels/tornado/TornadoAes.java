package io.harpoon.kernels.tornado;

/**
 * AES block encryption and GHASH helpers for the TornadoVM kernels, written so TornadoVM can inline them into
 * device code: static, scalar locals only, arrays passed in, no allocation, and no {@code >>>} on any type
 * (TornadoVM's OpenCL generator has emitted {@code >>>} as a signed shift; spec/accelerators.md, traps), so every
 * right shift is an arithmetic {@code >>} followed by a mask.
 *
 * <p>The state is four big-endian column words, which is exactly how {@code reference.Aes.expandKey} lays out
 * round keys, so AddRoundKey is a word xor:
 * <pre>
 *   column c = s[4c]&lt;&lt;24 | s[4c+1]&lt;&lt;16 | s[4c+2]&lt;&lt;8 | s[4c+3]     (row 0 in the top byte)
 *   SubBytes+ShiftRows: t_c = S(row0 of s_c) | S(row1 of s_c+1) | S(row2 of s_c+2) | S(row3 of s_c+3)
 *   MixColumns on a word: b = xtime(each byte);  out = b ^ rotl8(a ^ b) ^ rotl16(a) ^ rotl24(a)
 * </pre>
 */
final class TornadoAes {
    /** Words of round keys per stream or message in the flat key array (AES-256: 4 * 15). */
    static final int KEY_STRIDE = 60;

    private TornadoAes() {
    }

    /**
     * Encrypts the block {@code in0..in3} (column words) with round keys {@code w[wOff..]} and writes the four
     * output column words to {@code out[outOff..outOff+4)}.
     */
    static void encrypt(int[] w, int wOff, int rounds, int[] sbox, int in0, int in1, int in2, int in3,
                        int[] out, int outOff) {
        int s0 = in0 ^ w[wOff];
        int s1 = in1 ^ w[wOff + 1];
        int s2 = in2 ^ w[wOff + 2];
        int s3 = in3 ^ w[wOff + 3];
        for (int round = 1; round < rounds; round++) {
            int k = wOff + 4 * round;
            int t0 = subShift(sbox, s0, s1, s2, s3);
            int t1 = subShift(sbox, s1, s2, s3, s0);
            int t2 = subShift(sbox, s2, s3, s0, s1);
            int t3 = subShift(sbox, s3, s0, s1, s2);
            s0 = mixColumn(t0) ^ w[k];
            s1 = mixColumn(t1) ^ w[k + 1];
            s2 = mixColumn(t2) ^ w[k + 2];
            s3 = mixColumn(t3) ^ w[k + 3];
        }
        int k = wOff + 4 * rounds;
        out[outOff] = subShift(sbox, s0, s1, s2, s3) ^ w[k];
        out[outOff + 1] = subShift(sbox, s1, s2, s3, s0) ^ w[k + 1];
        out[outOff + 2] = subShift(sbox, s2, s3, s0, s1) ^ w[k + 2];
        out[outOff + 3] = subShift(sbox, s3, s0, s1, s2) ^ w[k + 3];
    }

    /** One output column of SubBytes+ShiftRows: row r comes from the r-th column after this one. */
    static int subShift(int[] sbox, int a, int b, int c, int d) {
        return (sbox[(a >> 24) & 0xFF] << 24) | (sbox[(b >> 16) & 0xFF] << 16) | (sbox[(c >> 8) & 0xFF] << 8)
                | sbox[d & 0xFF];
    }

    /** MixColumns of one column word. */
    static int mixColumn(int a) {
        int b = ((a & 0x7F7F7F7F) << 1) ^ (((a >> 7) & 0x01010101) * 0x1B);
        int ab = a ^ b;
        return b ^ ((ab << 8) | ((ab >> 24) & 0xFF)) ^ ((a << 16) | ((a >> 16) & 0xFFFF))
                ^ ((a << 24) | ((a >> 8) & 0x00FFFFFF));
    }

    /** Big-endian word of {@code b[p..p+4)}. */
    static int word(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    /** Byte {@code k} (0..15) of the block held as column words in {@code w[off..off+4)}. */
    static byte blockByte(int[] w, int off, int k) {
        return (byte) (w[off + (k >> 2)] >> (24 - 8 * (k & 3)));
    }

    /** Big-endian long of {@code b[p..p+8)}, bytes at or past {@code avail} read as zero (GHASH padding). */
    static long load64(byte[] b, int p, int avail) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (k < avail ? (b[p + k] & 0xFFL) : 0L);
        }
        return v;
    }

    /** Logical right shift by one of a long, without {@code >>>}. */
    static long shr1(long v) {
        return (v >> 1) & 0x7FFFFFFFFFFFFFFFL;
    }
}
