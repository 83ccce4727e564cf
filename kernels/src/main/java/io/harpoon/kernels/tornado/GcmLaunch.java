package io.harpoon.kernels.tornado;

import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.reference.Aes;

/**
 * Arguments of {@link TornadoKernels#gcm}: packed messages and AAD, keys expanded on the host
 * ({@link TornadoAes#KEY_STRIDE} words per message, {@code rounds[i]} 10 or 14), 12-byte IVs, 16-byte tags and
 * one verdict per message.
 */
final class GcmLaunch implements Launch {
    private final ShapeClass shape;
    final byte[] data;
    final int[] offsets;
    final int[] lengths;
    final byte[] aad;
    final int[] aadOffsets;
    final int[] aadLengths;
    final int[] roundKeys;
    final int[] rounds;
    final byte[] ivs;
    final int[] sbox = Aes.sboxCopy();
    final int[] control = new int[1];
    final byte[] tags;
    final int[] ok;
    final int[] scratch;
    private int count;

    GcmLaunch(ShapeClass shape) {
        this.shape = shape;
        int n = shape.slots();
        this.data = new byte[shape.bytes()];
        this.offsets = new int[n];
        this.lengths = new int[n];
        this.aad = new byte[shape.aadBytes()];
        this.aadOffsets = new int[n];
        this.aadLengths = new int[n];
        this.roundKeys = new int[TornadoAes.KEY_STRIDE * n];
        this.rounds = new int[n];
        this.ivs = new byte[GcmBatch.IV_BYTES * n];
        this.tags = new byte[GcmBatch.TAG_BYTES * n];
        this.ok = new int[n];
        this.scratch = new int[4 * n];
    }

    @Override
    public ShapeClass shape() {
        return shape;
    }

    void load(GcmBatch b, boolean open) {
        Launch.pack(b.data(), data, offsets, lengths);
        if (b.aad() != null) {
            Launch.pack(b.aad(), aad, aadOffsets, aadLengths);
        } else {
            java.util.Arrays.fill(aadOffsets, 0);
            java.util.Arrays.fill(aadLengths, 0);
        }
        control[TornadoKernels.CONTROL_MODE] = open ? 1 : 0;
        count = b.count();
        java.util.Arrays.fill(rounds, 0);
        for (int i = 0; i < count; i++) {
            int[] w = Aes.expandKey(b.keys()[i]);
            System.arraycopy(w, 0, roundKeys, TornadoAes.KEY_STRIDE * i, w.length);
            rounds[i] = w.length / 4 - 1;
            System.arraycopy(b.ivs()[i], 0, ivs, GcmBatch.IV_BYTES * i, GcmBatch.IV_BYTES);
        }
        System.arraycopy(b.tags(), 0, tags, 0, GcmBatch.TAG_BYTES * count);
    }

    /** Writes messages, tags (seal) and verdicts back to the caller's batch. */
    boolean[] store(GcmBatch b, boolean open) {
        Launch.unpack(data, offsets, b.data());
        if (!open) {
            System.arraycopy(tags, 0, b.tags(), 0, GcmBatch.TAG_BYTES * count);
        }
        boolean[] result = new boolean[count];
        for (int i = 0; i < count; i++) {
            result[i] = ok[i] != 0;
        }
        return result;
    }

    @Override
    public void runAsJava() {
        TornadoKernels.gcm(data, offsets, lengths, aad, aadOffsets, aadLengths, roundKeys, rounds, ivs, sbox, control,
                tags, ok, scratch);
    }
}
