package io.harpoon.kernels.cuda;

import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.reference.Aes;
import java.util.Arrays;

/**
 * Host side of each kernel: pack, copy in, launch one thread per item, copy out, over any {@link LaunchTarget}.
 * Arguments are validated by the caller. Outputs (and CFB stream states) are written only after the whole launch
 * succeeded, so a failure leaves the caller's state as it was. Argument order follows the {@code .cu} signatures
 * documented in {@link CudaKernelSource}.
 */
final class CudaLaunches {
    private CudaLaunches() {
    }

    static void crc32c(LaunchTarget target, BatchBuffers in, int[] out, boolean masked) {
        int n = in.count();
        if (n == 0) {
            return;
        }
        Packed p = Packed.of(in);
        int[] result = new int[n];
        try (LaunchTarget.Session s = target.open()) {
            Object dOut = s.alloc((long) n * Integer.BYTES);
            s.launch(masked ? CudaKernelSource.CRC32C_MASKED : CudaKernelSource.CRC32C, n,
                    s.copyIn(p.data()), s.copyIn(p.offsets()), s.copyIn(p.lengths()), n, s.crcTable(), dOut);
            s.copyOut(dOut, result);
        }
        System.arraycopy(result, 0, out, 0, n);
    }

    static void aes128Cfb(LaunchTarget target, CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
        int n = data.count();
        if (n == 0) {
            return;
        }
        Packed p = Packed.of(data);
        int[] roundKeys = new int[CudaKernelSource.KEY_STRIDE * n];
        byte[] state = new byte[32 * n];
        int[] used = new int[n];
        for (int i = 0; i < n; i++) {
            int[] w = Aes.expandKey(streams[i].key());
            System.arraycopy(w, 0, roundKeys, CudaKernelSource.KEY_STRIDE * i, w.length);
            System.arraycopy(streams[i].register(), 0, state, 32 * i, CfbStream.BLOCK_BYTES);
            System.arraycopy(streams[i].keystream(), 0, state, 32 * i + 16, CfbStream.BLOCK_BYTES);
            used[i] = streams[i].used();
        }
        try (LaunchTarget.Session s = target.open()) {
            Object dData = s.copyIn(p.data());
            Object dState = s.copyIn(state);
            Object dUsed = s.copyIn(used);
            s.launch(CudaKernelSource.AES128_CFB, n, dData, s.copyIn(p.offsets()), s.copyIn(p.lengths()), n,
                    direction == CfbDirection.ENCRYPT ? 1 : 0, s.copyIn(roundKeys), s.sbox(), dState, dUsed);
            s.copyOut(dData, p.data());
            s.copyOut(dState, state);
            s.copyOut(dUsed, used);
        }
        p.unpackInto(data);
        for (int i = 0; i < n; i++) {
            System.arraycopy(state, 32 * i, streams[i].register(), 0, CfbStream.BLOCK_BYTES);
            System.arraycopy(state, 32 * i + 16, streams[i].keystream(), 0, CfbStream.BLOCK_BYTES);
            streams[i].used(used[i]);
        }
    }

    static boolean[] gcm(LaunchTarget target, GcmBatch b, boolean open) {
        int n = b.count();
        if (n == 0) {
            return new boolean[0];
        }
        Packed p = Packed.of(b.data());
        Packed a = b.aad() != null ? Packed.of(b.aad()) : new Packed(new byte[0], new int[n], new int[n]);
        int[] roundKeys = new int[CudaKernelSource.KEY_STRIDE * n];
        int[] rounds = new int[n];
        byte[] ivs = new byte[GcmBatch.IV_BYTES * n];
        for (int i = 0; i < n; i++) {
            int[] w = Aes.expandKey(b.keys()[i]);
            System.arraycopy(w, 0, roundKeys, CudaKernelSource.KEY_STRIDE * i, w.length);
            rounds[i] = w.length / 4 - 1;
            System.arraycopy(b.ivs()[i], 0, ivs, GcmBatch.IV_BYTES * i, GcmBatch.IV_BYTES);
        }
        byte[] tags = Arrays.copyOf(b.tags(), GcmBatch.TAG_BYTES * n);
        int[] ok = new int[n];
        try (LaunchTarget.Session s = target.open()) {
            Object dData = s.copyIn(p.data());
            Object dTags = s.copyIn(tags);
            Object[] args = {dData, s.copyIn(p.offsets()), s.copyIn(p.lengths()), s.copyIn(a.data()),
                s.copyIn(a.offsets()), s.copyIn(a.lengths()), n, s.copyIn(roundKeys), s.copyIn(rounds), s.copyIn(ivs),
                s.sbox(), dTags, null};
            if (open) {
                Object dOk = s.alloc((long) n * Integer.BYTES);
                args[args.length - 1] = dOk;
                s.launch(CudaKernelSource.GCM_OPEN, n, args);
                s.copyOut(dOk, ok);
            } else {
                s.launch(CudaKernelSource.GCM_SEAL, n, Arrays.copyOf(args, args.length - 1));
                s.copyOut(dTags, tags);
                Arrays.fill(ok, 1);
            }
            s.copyOut(dData, p.data());
        }
        p.unpackInto(b.data());
        if (!open) {
            System.arraycopy(tags, 0, b.tags(), 0, GcmBatch.TAG_BYTES * n);
        }
        boolean[] result = new boolean[n];
        for (int i = 0; i < n; i++) {
            result[i] = ok[i] != 0;
        }
        return result;
    }
}
