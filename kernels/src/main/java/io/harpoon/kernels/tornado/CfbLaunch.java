package io.harpoon.kernels.tornado;

import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.reference.Aes;

/**
 * Arguments of {@link TornadoKernels#aes128Cfb}. Each stream's state travels in and out with the data:
 * <pre>
 *   roundKeys[60i .. 60i+44)   expanded AES-128 key (host-side expansion, reference.Aes)
 *   state[32i .. 32i+16)       feedback register      state[32i+16 .. 32i+32)  keystream block
 *   used[i]                    keystream bytes used (16: next byte needs a fresh block)
 * </pre>
 */
final class CfbLaunch implements Launch {
    private final ShapeClass shape;
    final byte[] data;
    final int[] offsets;
    final int[] lengths;
    final int[] roundKeys;
    final int[] sbox = Aes.sboxCopy();
    final int[] control = new int[1];
    final byte[] state;
    final int[] used;
    final int[] scratch;

    CfbLaunch(ShapeClass shape) {
        this.shape = shape;
        int n = shape.slots();
        this.data = new byte[shape.bytes()];
        this.offsets = new int[n];
        this.lengths = new int[n];
        this.roundKeys = new int[TornadoAes.KEY_STRIDE * n];
        this.state = new byte[32 * n];
        this.used = new int[n];
        this.scratch = new int[4 * n];
    }

    @Override
    public ShapeClass shape() {
        return shape;
    }

    void load(CfbDirection direction, CfbStream[] streams, BatchBuffers in) {
        Launch.pack(in, data, offsets, lengths);
        control[TornadoKernels.CONTROL_MODE] = direction == CfbDirection.ENCRYPT ? 1 : 0;
        for (int i = 0; i < streams.length; i++) {
            CfbStream s = streams[i];
            int[] w = Aes.expandKey(s.key());
            System.arraycopy(w, 0, roundKeys, TornadoAes.KEY_STRIDE * i, w.length);
            System.arraycopy(s.register(), 0, state, 32 * i, CfbStream.BLOCK_BYTES);
            System.arraycopy(s.keystream(), 0, state, 32 * i + 16, CfbStream.BLOCK_BYTES);
            used[i] = s.used();
        }
    }

    /** Writes the transformed data back and advances the streams (only called after a successful launch). */
    void store(CfbStream[] streams, BatchBuffers in) {
        Launch.unpack(data, offsets, in);
        for (int i = 0; i < streams.length; i++) {
            CfbStream s = streams[i];
            System.arraycopy(state, 32 * i, s.register(), 0, CfbStream.BLOCK_BYTES);
            System.arraycopy(state, 32 * i + 16, s.keystream(), 0, CfbStream.BLOCK_BYTES);
            s.used(used[i]);
        }
    }

    @Override
    public void runAsJava() {
        TornadoKernels.aes128Cfb(data, offsets, lengths, roundKeys, sbox, control, state, used, scratch);
    }
}
