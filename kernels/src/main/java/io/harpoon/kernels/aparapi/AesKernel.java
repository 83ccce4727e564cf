package io.harpoon.kernels.aparapi;

import com.aparapi.Kernel;

/**
 * AES block encryption (FIPS-197) as Aparapi kernel code, shared by the CFB and GCM kernels.
 *
 * <p>Derived from {@code reference.Aes.encryptBlock}, with the state held as four big-endian column words in
 * registers instead of a 16-entry array: Aparapi kernels cannot allocate arrays, and private arrays would cost
 * a private-memory annotation per kernel. The words use the layout of the expanded key, so AddRoundKey is one
 * xor per column.
 *
 * <pre>
 *   column c = s[4c] &lt;&lt; 24 | s[4c+1] &lt;&lt; 16 | s[4c+2] &lt;&lt; 8 | s[4c+3]
 *   SubBytes+ShiftRows: column c, row r  = S[row r of column (c + r) mod 4]
 *   MixColumns (a = column, rN = a rotated left by N bits): xtime(a ^ r8) ^ r8 ^ r16 ^ r24
 * </pre>
 *
 * <p>Aparapi-specific rules kept here: helpers take and return only ints (no array parameters), all arrays are
 * fields, no allocation, no {@code break}. The round keys are expanded on the host by the reference
 * {@code Aes.expandKey} (a few dozen operations per key) and uploaded flattened.
 */
abstract class AesKernel extends Kernel {
    /** The AES S-box, from {@code reference.Aes.sboxCopy()}. */
    int[] sbox;
    /** Round keys, {@code keyStride} words per work item. */
    int[] roundKeys;
    /** Output of {@link #encrypt}: four column words per work item. */
    int[] block;

    /** Row r (0 = most significant byte) of four columns after SubBytes and ShiftRows. */
    int subShift(int c0, int c1, int c2, int c3) {
        return (sbox[(c0 >>> 24) & 0xFF] << 24) | (sbox[(c1 >>> 16) & 0xFF] << 16) | (sbox[(c2 >>> 8) & 0xFF] << 8)
                | sbox[c3 & 0xFF];
    }

    /** xtime on each byte of a word. */
    int xtime4(int a) {
        return ((a & 0x7F7F7F7F) << 1) ^ (((a >>> 7) & 0x01010101) * 0x1B);
    }

    /** MixColumns of one column word. */
    int mixColumn(int a) {
        int r8 = (a << 8) | (a >>> 24);
        int r16 = (a << 16) | (a >>> 16);
        int r24 = (a << 24) | (a >>> 8);
        return xtime4(a ^ r8) ^ r8 ^ r16 ^ r24;
    }

    /**
     * Encrypts the block of columns {@code s0..s3} with the round keys at {@code roundKeys[rk..]} and writes
     * the four result columns to {@code block[4*slot ..]}.
     */
    void encrypt(int rk, int rounds, int s0, int s1, int s2, int s3, int slot) {
        int a0 = s0 ^ roundKeys[rk];
        int a1 = s1 ^ roundKeys[rk + 1];
        int a2 = s2 ^ roundKeys[rk + 2];
        int a3 = s3 ^ roundKeys[rk + 3];
        for (int round = 1; round < rounds; round++) {
            int t0 = mixColumn(subShift(a0, a1, a2, a3));
            int t1 = mixColumn(subShift(a1, a2, a3, a0));
            int t2 = mixColumn(subShift(a2, a3, a0, a1));
            int t3 = mixColumn(subShift(a3, a0, a1, a2));
            int k = rk + 4 * round;
            a0 = t0 ^ roundKeys[k];
            a1 = t1 ^ roundKeys[k + 1];
            a2 = t2 ^ roundKeys[k + 2];
            a3 = t3 ^ roundKeys[k + 3];
        }
        int k = rk + 4 * rounds;
        int b = 4 * slot;
        block[b] = subShift(a0, a1, a2, a3) ^ roundKeys[k];
        block[b + 1] = subShift(a1, a2, a3, a0) ^ roundKeys[k + 1];
        block[b + 2] = subShift(a2, a3, a0, a1) ^ roundKeys[k + 2];
        block[b + 3] = subShift(a3, a0, a1, a2) ^ roundKeys[k + 3];
    }
}
