package io.harpoon.kernels.reference;

import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;

/**
 * AES-128-CFB128 as Go's {@code crypto/cipher} cfb.go does it (spec/frp-wire.md section 8.2), the reference.
 * One byte at a time, so it is obviously right; the stream state lives in {@link CfbStream}.
 */
public final class Aes128Cfb {
    private Aes128Cfb() {
    }

    /** Transforms {@code data[off..off+len)} in place and advances {@code stream}. */
    public static void process(CfbDirection direction, CfbStream stream, int[] roundKeys, byte[] data, int off, int len) {
        byte[] register = stream.register();
        byte[] keystream = stream.keystream();
        int used = stream.used();
        boolean encrypt = direction == CfbDirection.ENCRYPT;
        for (int i = off; i < off + len; i++) {
            if (used == CfbStream.BLOCK_BYTES) {
                Aes.encryptBlock(roundKeys, register, 0, keystream, 0);
                used = 0;
            }
            byte in = data[i];
            byte out = (byte) (in ^ keystream[used]);
            register[used] = encrypt ? out : in;
            data[i] = out;
            used++;
        }
        stream.used(used);
    }
}
