package io.harpoon.kernels.aparapi;

/**
 * AES-128-CFB128, one work item per stream: {@code reference.Aes128Cfb.process} with the stream state
 * (feedback register, keystream, used) read from and written back to flat per-stream arrays, so a stream continued in the
 * next batch produces the same bytes as one call. Bytes within a stream depend on each other (the register takes
 * each ciphertext byte), so a stream cannot be split across work items.
 *
 * <pre>
 *   stream i : data[offsets[i] .. +lengths[i])   roundKeys[44i .. +44)
 *              feedback[16i .. +16)   keystream[16i .. +16)   used[i]   (in and out)
 * </pre>
 */
final class CfbKernel extends AesKernel {
    /** Words of an expanded AES-128 key. */
    static final int KEY_WORDS = 44;

    byte[] data = new byte[1];
    int[] offsets = new int[1];
    int[] lengths = new int[1];
    /** The feedback registers ({@code register} would be a C keyword in the generated OpenCL). */
    byte[] feedback = new byte[16];
    byte[] keystream = new byte[16];
    int[] used = new int[1];
    int count;
    /** 1: encrypt (the register takes the output byte), 0: decrypt (it takes the input byte). */
    int encrypting;

    CfbKernel() {
        sbox = new int[256];
        roundKeys = new int[KEY_WORDS];
        block = new int[4];
    }

    /** Column word c of stream i's feedback register. */
    int feedbackWord(int i, int c) {
        int b = 16 * i + 4 * c;
        return ((feedback[b] & 0xFF) << 24) | ((feedback[b + 1] & 0xFF) << 16) | ((feedback[b + 2] & 0xFF) << 8)
                | (feedback[b + 3] & 0xFF);
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < count) {
            int u = used[i];
            int sb = 16 * i;
            int end = offsets[i] + lengths[i];
            for (int p = offsets[i]; p < end; p++) {
                if (u == 16) {
                    encrypt(KEY_WORDS * i, 10, feedbackWord(i, 0), feedbackWord(i, 1), feedbackWord(i, 2),
                            feedbackWord(i, 3), i);
                    for (int j = 0; j < 16; j++) {
                        keystream[sb + j] = (byte) (block[4 * i + (j >> 2)] >>> (24 - 8 * (j & 3)));
                    }
                    u = 0;
                }
                byte in = data[p];
                byte out = (byte) (in ^ keystream[sb + u]);
                feedback[sb + u] = encrypting != 0 ? out : in;
                data[p] = out;
                u++;
            }
            used[i] = u;
        }
    }
}
