package io.harpoon.kernels.cuda;

import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.reference.Aes;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * Host side of each kernel: pack, copy in, launch one thread per item, copy out. Arguments are validated by the
 * caller; the context must be current on this thread. Outputs (and CFB stream states) are written only after the
 * whole launch succeeded, so a failure leaves the caller's state as it was.
 */
final class CudaLaunches {
    private CudaLaunches() {
    }

    static void crc32c(CudaContext ctx, BatchBuffers in, int[] out, boolean masked) {
        int n = in.count();
        if (n == 0) {
            return;
        }
        Packed p = Packed.of(in);
        int[] result = new int[n];
        try (DeviceMemory mem = new DeviceMemory()) {
            CUdeviceptr dOut = mem.alloc((long) n * Integer.BYTES);
            CudaContext.launch(ctx.function(masked ? CudaKernelSource.CRC32C_MASKED : CudaKernelSource.CRC32C), n,
                    Pointer.to(mem.copyIn(p.data())), Pointer.to(mem.copyIn(p.offsets())),
                    Pointer.to(mem.copyIn(p.lengths())), Pointer.to(new int[] {n}), Pointer.to(ctx.crcTable),
                    Pointer.to(dOut));
            DeviceMemory.copyOut(dOut, result);
        }
        System.arraycopy(result, 0, out, 0, n);
    }

    static void aes128Cfb(CudaContext ctx, CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
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
        try (DeviceMemory mem = new DeviceMemory()) {
            CUdeviceptr dData = mem.copyIn(p.data());
            CUdeviceptr dState = mem.copyIn(state);
            CUdeviceptr dUsed = mem.copyIn(used);
            CudaContext.launch(ctx.function(CudaKernelSource.AES128_CFB), n, Pointer.to(dData),
                    Pointer.to(mem.copyIn(p.offsets())), Pointer.to(mem.copyIn(p.lengths())), Pointer.to(new int[] {n}),
                    Pointer.to(new int[] {direction == CfbDirection.ENCRYPT ? 1 : 0}), Pointer.to(mem.copyIn(roundKeys)),
                    Pointer.to(ctx.sbox), Pointer.to(dState), Pointer.to(dUsed));
            DeviceMemory.copyOut(dData, p.data());
            DeviceMemory.copyOut(dState, state);
            DeviceMemory.copyOut(dUsed, used);
        }
        p.unpackInto(data);
        for (int i = 0; i < n; i++) {
            System.arraycopy(state, 32 * i, streams[i].register(), 0, CfbStream.BLOCK_BYTES);
            System.arraycopy(state, 32 * i + 16, streams[i].keystream(), 0, CfbStream.BLOCK_BYTES);
            streams[i].used(used[i]);
        }
    }

    static boolean[] gcm(CudaContext ctx, GcmBatch b, boolean open) {
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
        byte[] tags = java.util.Arrays.copyOf(b.tags(), GcmBatch.TAG_BYTES * n);
        int[] ok = new int[n];
        try (DeviceMemory mem = new DeviceMemory()) {
            CUdeviceptr dData = mem.copyIn(p.data());
            CUdeviceptr dTags = mem.copyIn(tags);
            CUdeviceptr dOk = mem.alloc((long) n * Integer.BYTES);
            Pointer[] common = {Pointer.to(dData), Pointer.to(mem.copyIn(p.offsets())), Pointer.to(mem.copyIn(p.lengths())),
                Pointer.to(mem.copyIn(a.data())), Pointer.to(mem.copyIn(a.offsets())), Pointer.to(mem.copyIn(a.lengths())),
                Pointer.to(new int[] {n}), Pointer.to(mem.copyIn(roundKeys)), Pointer.to(mem.copyIn(rounds)),
                Pointer.to(mem.copyIn(ivs)), Pointer.to(ctx.sbox), Pointer.to(dTags)};
            if (open) {
                Pointer[] args = java.util.Arrays.copyOf(common, common.length + 1);
                args[common.length] = Pointer.to(dOk);
                CudaContext.launch(ctx.function(CudaKernelSource.GCM_OPEN), n, args);
                DeviceMemory.copyOut(dOk, ok);
            } else {
                CudaContext.launch(ctx.function(CudaKernelSource.GCM_SEAL), n, common);
                DeviceMemory.copyOut(dTags, tags);
                java.util.Arrays.fill(ok, 1);
            }
            DeviceMemory.copyOut(dData, p.data());
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
