package io.harpoon.kernels.cuda;

import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * The device allocations of one launch, freed together by {@link #close()} (try-with-resources), so a failed launch
 * leaks nothing. Zero-length arrays still get a one-byte allocation: the driver rejects size 0 and kernels never
 * read past the lengths they are given.
 */
final class DeviceMemory implements AutoCloseable {
    private final List<CUdeviceptr> allocations = new ArrayList<>();

    CUdeviceptr alloc(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        JCudaDriver.cuMemAlloc(p, Math.max(1, bytes));
        allocations.add(p);
        return p;
    }

    CUdeviceptr copyIn(byte[] host) {
        CUdeviceptr p = alloc(host.length);
        if (host.length > 0) {
            JCudaDriver.cuMemcpyHtoD(p, Pointer.to(host), host.length);
        }
        return p;
    }

    CUdeviceptr copyIn(int[] host) {
        long bytes = (long) host.length * Sizeof.INT;
        CUdeviceptr p = alloc(bytes);
        if (bytes > 0) {
            JCudaDriver.cuMemcpyHtoD(p, Pointer.to(host), bytes);
        }
        return p;
    }

    static void copyOut(CUdeviceptr device, byte[] host) {
        if (host.length > 0) {
            JCudaDriver.cuMemcpyDtoH(Pointer.to(host), device, host.length);
        }
    }

    static void copyOut(CUdeviceptr device, int[] host) {
        if (host.length > 0) {
            JCudaDriver.cuMemcpyDtoH(Pointer.to(host), device, (long) host.length * Sizeof.INT);
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
