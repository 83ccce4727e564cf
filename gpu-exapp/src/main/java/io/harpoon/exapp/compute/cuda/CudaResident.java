package io.harpoon.exapp.compute.cuda;

import io.harpoon.exapp.compute.ComputeFailure;
import io.harpoon.exapp.compute.ComputeKind;
import io.harpoon.exapp.compute.DeviceGeometry;
import io.harpoon.exapp.compute.DeviceKernelSource;
import io.harpoon.exapp.compute.DeviceResident;
import io.harpoon.exapp.compute.VectorSnapshot;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.JCudaDriver;

/**
 * One collection in device memory (blocked-column vectors, inverse norms, ids) plus a work space grown on demand.
 * Mirrors {@code OpenClResident}; all methods run under the backend's lock with its context current.
 */
final class CudaResident extends DeviceResident {
    private static final int THREADS = 64;

    private final CudaBackend backend;
    private final long deviceBytes;
    private final CUdeviceptr[] ws = new CUdeviceptr[6]; // queries, scores, candS, candI, bestS, bestI
    private final long[] wsBytes = new long[6];
    private CUdeviceptr vectors;
    private CUdeviceptr inverseNorms;
    private CUdeviceptr ids;

    CudaResident(CudaBackend backend, VectorSnapshot s) {
        super(s.count(), s.dimension(), backend.scoreBudget());
        this.backend = backend;
        int n = s.count();
        int dim = s.dimension();
        long padded = Math.max(DeviceKernelSource.BLOCK, DeviceGeometry.paddedCount(n));
        try {
            vectors = alloc(padded * dim * Sizeof.FLOAT);
            inverseNorms = alloc(padded * Sizeof.FLOAT);
            ids = alloc(padded * Sizeof.LONG);
            DeviceGeometry.packAll(s.data(), dim, n, (offset, packed) -> JCudaDriver.cuMemcpyHtoD(
                    vectors.withByteOffset(offset * Sizeof.FLOAT), Pointer.to(packed), (long) packed.length * Sizeof.FLOAT));
            if (n > 0) {
                JCudaDriver.cuMemcpyHtoD(inverseNorms, Pointer.to(s.inverseNorms()), (long) n * Sizeof.FLOAT);
                JCudaDriver.cuMemcpyHtoD(ids, Pointer.to(s.ids()), (long) n * Sizeof.LONG);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.deviceBytes = padded * ((long) dim * Sizeof.FLOAT + Sizeof.FLOAT + Sizeof.LONG);
    }

    private static CUdeviceptr alloc(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        JCudaDriver.cuMemAlloc(p, Math.max(bytes, 4));
        return p;
    }

    private CUdeviceptr ensure(int slot, long bytes) {
        if (ws[slot] != null && wsBytes[slot] >= bytes) {
            return ws[slot];
        }
        if (ws[slot] != null) {
            JCudaDriver.cuMemFree(ws[slot]);
            ws[slot] = null;
            wsBytes[slot] = 0;
        }
        ws[slot] = alloc(bytes);
        wsBytes[slot] = Math.max(bytes, 4);
        return ws[slot];
    }

    @Override
    public long deviceBytes() {
        long b = deviceBytes;
        for (long w : wsBytes) {
            b += w;
        }
        return b;
    }

    @Override
    protected Object lock() {
        return backend.lock();
    }

    @Override
    protected void writeQueries(float[] padded) {
        try {
            backend.makeCurrent();
            CUdeviceptr q = ensure(0, (long) padded.length * Sizeof.FLOAT);
            JCudaDriver.cuMemcpyHtoD(q, Pointer.to(padded), (long) padded.length * Sizeof.FLOAT);
        } catch (CudaException e) {
            throw new ComputeFailure(ComputeKind.CUDA, "query upload failed", e);
        }
    }

    @Override
    protected void scores(int qc, boolean cosine) {
        try {
            CUfunction f = backend.functionsFor(DeviceKernelSource.kmaxFor(1))[0];
            CUdeviceptr scores = ensure(1, (long) qc * count() * Sizeof.FLOAT);
            Pointer params = Pointer.to(Pointer.to(vectors), Pointer.to(inverseNorms), Pointer.to(ws[0]),
                    Pointer.to(scores), ints(count()), ints(dimension()), ints(qc), ints(cosine ? 1 : 0));
            launch(f, blocks(count()), DeviceGeometry.queryTiles(qc), THREADS, params);
        } catch (CudaException e) {
            throw new ComputeFailure(ComputeKind.CUDA, "hp_scores failed", e);
        }
    }

    @Override
    protected void topk(int qc, int k, int parts) {
        try {
            CUfunction f = backend.functionsFor(DeviceKernelSource.kmaxFor(k))[1];
            long cand = (long) qc * parts * k;
            CUdeviceptr candS = ensure(2, cand * Sizeof.FLOAT);
            CUdeviceptr candI = ensure(3, cand * Sizeof.LONG);
            CUdeviceptr bestS = ensure(4, (long) qc * k * Sizeof.FLOAT);
            CUdeviceptr bestI = ensure(5, (long) qc * k * Sizeof.LONG);
            launch(f, blocks(parts), qc, THREADS, Pointer.to(Pointer.to(ws[1]), Pointer.to(ids), Pointer.to(candS),
                    Pointer.to(candI), ints(count()), ints(qc), ints(k), ints(parts), ints(0)));
            int n2 = parts * k;
            launch(f, 1, qc, 1, Pointer.to(Pointer.to(candS), Pointer.to(candI), Pointer.to(bestS),
                    Pointer.to(bestI), ints(n2), ints(qc), ints(k), ints(1), ints(n2)));
        } catch (CudaException e) {
            throw new ComputeFailure(ComputeKind.CUDA, "hp_topk failed", e);
        }
    }

    @Override
    protected void readBest(int qc, int k, float[] scores, long[] outIds) {
        try {
            JCudaDriver.cuCtxSynchronize();
            JCudaDriver.cuMemcpyDtoH(Pointer.to(scores), ws[4], (long) qc * k * Sizeof.FLOAT);
            JCudaDriver.cuMemcpyDtoH(Pointer.to(outIds), ws[5], (long) qc * k * Sizeof.LONG);
        } catch (CudaException e) {
            throw new ComputeFailure(ComputeKind.CUDA, "result read failed", e);
        }
    }

    private static int blocks(long items) {
        return (int) ((items + THREADS - 1) / THREADS);
    }

    private static Pointer ints(int v) {
        return Pointer.to(new int[] {v});
    }

    private static void launch(CUfunction f, int gx, int gy, int threads, Pointer params) {
        JCudaDriver.cuLaunchKernel(f, gx, gy, 1, threads, 1, 1, 0, null, params, null);
    }

    @Override
    public void close() {
        synchronized (backend.lock()) {
            try {
                backend.makeCurrent();
            } catch (RuntimeException e) {
                return; // context already destroyed with the backend: its memory went with it
            }
            vectors = free(vectors);
            inverseNorms = free(inverseNorms);
            ids = free(ids);
            for (int i = 0; i < ws.length; i++) {
                ws[i] = free(ws[i]);
                wsBytes[i] = 0;
            }
        }
    }

    private static CUdeviceptr free(CUdeviceptr p) {
        if (p != null) {
            JCudaDriver.cuMemFree(p);
        }
        return null;
    }
}
