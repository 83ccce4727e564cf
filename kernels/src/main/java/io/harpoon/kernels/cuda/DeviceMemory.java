package io.harpoon.kernels.cuda;

import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * A {@link LaunchTarget.Session} on a CUDA device: the allocations of one launch, freed together by
 * {@link #close()} (try-with-resources), so a failed launch leaks nothing. Zero-length arrays still get a one-byte
 * allocation: the driver rejects size 0 and kernels never read past the lengths they are given.
 */
final class DeviceMemory implements LaunchTarget.Session {
    private final CudaContext context;
    private final List<CUdeviceptr> allocations = new ArrayList<>();

    DeviceMemory(CudaContext context) {
        this.context = context;
    }

    @Override
    public CUdeviceptr alloc(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        JCudaDriver.cuMemAlloc(p, Math.max(1, bytes));
        allocations.add(p);
        return p;
    }

    @Override
    public CUdeviceptr copyIn(byte[] host) {
        CUdeviceptr p = alloc(host.length);
        if (host.length > 0) {
            JCudaDriver.cuMemcpyHtoD(p, Pointer.to(host), host.length);
        }
        return p;
    }

    @Override
    public CUdeviceptr copyIn(int[] host) {
        long bytes = (long) host.length * Sizeof.INT;
        CUdeviceptr p = alloc(bytes);
        if (bytes > 0) {
            JCudaDriver.cuMemcpyHtoD(p, Pointer.to(host), bytes);
        }
        return p;
    }

    @Override
    public Object crcTable() {
        return context.crcTable;
    }

    @Override
    public Object sbox() {
        return context.sbox;
    }

    @Override
    public void launch(String entryPoint, int items, Object... args) {
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = args[i] instanceof Integer v ? Pointer.to(new int[] {v}) : Pointer.to((CUdeviceptr) args[i]);
        }
        JCudaDriver.cuLaunchKernel(context.function(entryPoint), CudaKernelSource.gridBlocks(items), 1, 1,
                CudaKernelSource.BLOCK_THREADS, 1, 1, 0, null, Pointer.to(params), null);
        JCudaDriver.cuCtxSynchronize();
    }

    @Override
    public void copyOut(Object buffer, byte[] host) {
        if (host.length > 0) {
            JCudaDriver.cuMemcpyDtoH(Pointer.to(host), (CUdeviceptr) buffer, host.length);
        }
    }

    @Override
    public void copyOut(Object buffer, int[] host) {
        if (host.length > 0) {
            JCudaDriver.cuMemcpyDtoH(Pointer.to(host), (CUdeviceptr) buffer, (long) host.length * Sizeof.INT);
        }
    }

    @Override
    public void close() {
        for (CUdeviceptr p : allocations) {
            try {
                JCudaDriver.cuMemFree(p);
            } catch (RuntimeException e) {
                // The context is likely broken already; the launch's own error is the one worth reporting.
            }
        }
        allocations.clear();
    }
}
