package io.harpoon.kernels.reference;

/**
 * AES block encryption (FIPS-197), the reference: byte-oriented S-box, ShiftRows, MixColumns with xtime. Slow on
 * purpose-free of tables beyond the S-box, so that device kernels can be derived from it line by line.
 *
 * <pre>
 *   state s[r + 4c] = block[r + 4c]      (column-major, as FIPS-197 section 3.4)
 *   round key word w[i] big-endian: byte r of column c = (w[4*round + c] >>> (24 - 8r)) &amp; 0xFF
 *   rounds = 10 (AES-128), 14 (AES-256)
 * </pre>
 */
public final class Aes {
    private static final int[] SBOX = sbox();

    private Aes() {
    }

    /** A copy of the S-box (for device kernels). */
    public static int[] sboxCopy() {
        return SBOX.clone();
    }

    private static int[] sbox() {
        // S(x) = affine(inverse(x)) in GF(2^8) mod x^8+x^4+x^3+x+1; computed rather than typed in.
        int[] s = new int[256];
        int p = 1;
        int q = 1;
        do {
            p = p ^ ((p << 1) & 0xFF) ^ (((p & 0x80) != 0) ? 0x1B : 0); // p *= 3
            q ^= q << 1; // q /= 3
            q ^= q << 2;
            q ^= q << 4;
            q &= 0xFF;
            if ((q & 0x80) != 0) {
                q ^= 0x09;
            }
            int x = q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4);
            s[p] = (x ^ 0x63) & 0xFF;
        } while (p != 1);
        s[0] = 0x63;
        return s;
    }

    private static int rotl8(int x, int shift) {
        return ((x << shift) | (x >>> (8 - shift))) & 0xFF;
    }

    static int xtime(int b) {
        return ((b << 1) ^ (((b & 0x80) != 0) ? 0x1B : 0)) & 0xFF;
    }

    /** Key expansion: 44 words for a 16-byte key, 60 for a 32-byte key. */
    public static int[] expandKey(byte[] key) {
        if (key == null || (key.length != 16 && key.length != 32)) {
            throw new IllegalArgumentException("key.length: " + (key == null ? "null" : key.length) + " (expected: 16 or 32)");
        }
        int nk = key.length / 4;
        int rounds = nk + 6;
        int[] w = new int[4 * (rounds + 1)];
        for (int i = 0; i < nk; i++) {
            w[i] = ((key[4 * i] & 0xFF) << 24) | ((key[4 * i + 1] & 0xFF) << 16) | ((key[4 * i + 2] & 0xFF) << 8)
                    | (key[4 * i + 3] & 0xFF);
        }
        int rcon = 1;
        for (int i = nk; i < w.length; i++) {
            int t = w[i - 1];
            if (i % nk == 0) {
                t = (t << 8) | (t >>> 24);
                t = subWord(t) ^ (rcon << 24);
                rcon = xtime(rcon);
            } else if (nk > 6 && i % nk == 4) {
                t = subWord(t);
            }
            w[i] = w[i - nk] ^ t;
        }
        return w;
    }

    private static int subWord(int t) {
        return (SBOX[(t >>> 24) & 0xFF] << 24) | (SBOX[(t >>> 16) & 0xFF] << 16) | (SBOX[(t >>> 8) & 0xFF] << 8)
                | SBOX[t & 0xFF];
    }

    /** Encrypts one 16-byte block: {@code out[outOff..+16) = AES_w(in[inOff..+16))}; in and out may alias. */
    public static void encryptBlock(int[] w, byte[] in, int inOff, byte[] out, int outOff) {
        int rounds = w.length / 4 - 1;
        int[] s = new int[16];
        for (int i = 0; i < 16; i++) {
            s[i] = in[inOff + i] & 0xFF;
        }
        addRoundKey(s, w, 0);
        int[] t = new int[16];
        for (int round = 1; round <= rounds; round++) {
            // SubBytes + ShiftRows: row r rotates left by r columns.
            for (int c = 0; c < 4; c++) {
                for (int r = 0; r < 4; r++) {
                    t[r + 4 * c] = SBOX[s[r + 4 * ((c + r) & 3)]];
                }
            }
            if (round != rounds) {
                for (int c = 0; c < 4; c++) {
                    int a0 = t[4 * c];
                    int a1 = t[4 * c + 1];
                    int a2 = t[4 * c + 2];
                    int a3 = t[4 * c + 3];
                    s[4 * c] = xtime(a0) ^ xtime(a1) ^ a1 ^ a2 ^ a3;
                    s[4 * c + 1] = a0 ^ xtime(a1) ^ xtime(a2) ^ a2 ^ a3;
                    s[4 * c + 2] = a0 ^ a1 ^ xtime(a2) ^ xtime(a3) ^ a3;
                    s[4 * c + 3] = xtime(a0) ^ a0 ^ a1 ^ a2 ^ xtime(a3);
                }
            } else {
                System.arraycopy(t, 0, s, 0, 16);
            }
            addRoundKey(s, w, round);
        }
        for (int i = 0; i < 16; i++) {
            out[outOff + i] = (byte) s[i];
        }
    }

    private static void addRoundKey(int[] s, int[] w, int round) {
        for (int c = 0; c < 4; c++) {
            int k = w[4 * round + c];
            s[4 * c] ^= (k >>> 24) & 0xFF;
            s[4 * c + 1] ^= (k >>> 16) & 0xFF;
            s[4 * c + 2] ^= (k >>> 8) & 0xFF;
            s[4 * c + 3] ^= k & 0xFF;
        }
    }
}
