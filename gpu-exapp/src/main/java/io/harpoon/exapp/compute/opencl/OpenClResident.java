package io.harpoon.exapp.compute.opencl;

import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;

import io.harpoon.exapp.compute.ComputeFailure;
import io.harpoon.exapp.compute.ComputeKind;
import io.harpoon.exapp.compute.DeviceGeometry;
import io.harpoon.exapp.compute.DeviceKernelSource;
import io.harpoon.exapp.compute.DeviceResident;
import io.harpoon.exapp.compute.VectorSnapshot;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * One collection in OpenCL buffers (blocked-column vectors, inverse norms, ids) plus a work space (queries, scores,
 * candidate lists) grown on demand and kept for the next search. All methods run under the backend's lock.
 */
final class OpenClResident extends DeviceResident {
    private static final long LOCAL = 64;

    private final OpenClBackend backend;
    private final long deviceBytes;
    private cl_mem vectors;
    private cl_mem inverseNorms;
    private cl_mem ids;
    private final Workspace ws = new Workspace();

    OpenClResident(OpenClBackend backend, VectorSnapshot s) {
        super(s.count(), s.dimension(), backend.scoreBudget());
        this.backend = backend;
        int n = s.count();
        int dim = s.dimension();
        long padded = Math.max(DeviceKernelSource.BLOCK, DeviceGeometry.paddedCount(n));
        try {
            vectors = CL.clCreateBuffer(backend.context(), CL_MEM_READ_ONLY, padded * dim * Sizeof.cl_float, null, null);
            inverseNorms = CL.clCreateBuffer(backend.context(), CL_MEM_READ_ONLY, padded * Sizeof.cl_float, null, null);
            ids = CL.clCreateBuffer(backend.context(), CL_MEM_READ_ONLY, padded * Sizeof.cl_long, null, null);
            DeviceGeometry.packAll(s.data(), dim, n, (offset, packed) -> write(vectors, offset * Sizeof.cl_float,
                    Pointer.to(packed), (long) packed.length * Sizeof.cl_float));
            if (n > 0) {
                write(inverseNorms, 0, Pointer.to(s.inverseNorms()), (long) n * Sizeof.cl_float);
                write(ids, 0, Pointer.to(s.ids()), (long) n * Sizeof.cl_long);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.deviceBytes = padded * ((long) dim * Sizeof.cl_float + Sizeof.cl_float + Sizeof.cl_long);
    }

    private void write(cl_mem mem, long offset, Pointer p, long bytes) {
        CL.clEnqueueWriteBuffer(backend.queue(), mem, true, offset, bytes, p, 0, null, null);
    }

    @Override
    public long deviceBytes() {
        return deviceBytes + ws.bytes();
    }

    @Override
    protected Object lock() {
        return backend.lock();
    }

    @Override
    protected void writeQueries(float[] padded) {
        try {
            ws.queries = ws.ensure(ws.queries, 0, (long) padded.length * Sizeof.cl_float);
            write(ws.queries, 0, Pointer.to(padded), (long) padded.length * Sizeof.cl_float);
        } catch (CLException e) {
            throw new ComputeFailure(ComputeKind.OPENCL, "query upload failed", e);
        }
    }

    @Override
    protected void scores(int qc, boolean cosine) {
        // Sized for k = 1 here; topk() picks the size class it needs.
        try {
            cl_kernel[] kernels = backend.kernelsFor(DeviceKernelSource.kmaxFor(1));
            ws.scores = ws.ensure(ws.scores, 1, (long) qc * count() * Sizeof.cl_float);
            cl_kernel k = kernels[0];
            arg(k, 0, vectors);
            arg(k, 1, inverseNorms);
            arg(k, 2, ws.queries);
            arg(k, 3, ws.scores);
            arg(k, 4, count());
            arg(k, 5, dimension());
            arg(k, 6, qc);
            arg(k, 7, cosine ? 1 : 0);
            launch(k, roundUp(count(), LOCAL), DeviceGeometry.queryTiles(qc), LOCAL);
        } catch (CLException e) {
            throw new ComputeFailure(ComputeKind.OPENCL, "hp_scores failed", e);
        }
    }

    @Override
    protected void topk(int qc, int k, int parts) {
        try {
            cl_kernel topk = backend.kernelsFor(DeviceKernelSource.kmaxFor(k))[1];
            long cand = (long) qc * parts * k;
            ws.candScores = ws.ensure(ws.candScores, 2, cand * Sizeof.cl_float);
            ws.candIds = ws.ensure(ws.candIds, 3, cand * Sizeof.cl_long);
            ws.bestScores = ws.ensure(ws.bestScores, 4, (long) qc * k * Sizeof.cl_float);
            ws.bestIds = ws.ensure(ws.bestIds, 5, (long) qc * k * Sizeof.cl_long);
            topkArgs(topk, ws.scores, ids, ws.candScores, ws.candIds, count(), qc, k, parts, 0);
            launch(topk, roundUp(parts, LOCAL), qc, LOCAL);
            int n2 = parts * k;
            topkArgs(topk, ws.candScores, ws.candIds, ws.bestScores, ws.bestIds, n2, qc, k, 1, n2);
            launch(topk, 1, qc, 1);
        } catch (CLException e) {
            throw new ComputeFailure(ComputeKind.OPENCL, "hp_topk failed", e);
        }
    }

    private static void topkArgs(cl_kernel kn, cl_mem scores, cl_mem ids, cl_mem outS, cl_mem outI,
                                 int n, int nq, int k, int parts, int idStride) {
        arg(kn, 0, scores);
        arg(kn, 1, ids);
        arg(kn, 2, outS);
        arg(kn, 3, outI);
        arg(kn, 4, n);
        arg(kn, 5, nq);
        arg(kn, 6, k);
        arg(kn, 7, parts);
        arg(kn, 8, idStride);
    }

    @Override
    protected void readBest(int qc, int k, float[] scores, long[] outIds) {
        try {
            CL.clEnqueueReadBuffer(backend.queue(), ws.bestScores, true, 0, (long) qc * k * Sizeof.cl_float,
                    Pointer.to(scores), 0, null, null);
            CL.clEnqueueReadBuffer(backend.queue(), ws.bestIds, true, 0, (long) qc * k * Sizeof.cl_long,
                    Pointer.to(outIds), 0, null, null);
        } catch (CLException e) {
            throw new ComputeFailure(ComputeKind.OPENCL, "result read failed", e);
        }
    }

    private void launch(cl_kernel k, long gx, long gy, long lx) {
        CL.clEnqueueNDRangeKernel(backend.queue(), k, 2, null, new long[] {gx, gy}, new long[] {lx, 1}, 0, null, null);
    }

    private static long roundUp(long x, long m) {
        return (x + m - 1) / m * m;
    }

    private static void arg(cl_kernel k, int i, cl_mem m) {
        CL.clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
    }

    private static void arg(cl_kernel k, int i, int v) {
        CL.clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {v}));
    }

    @Override
    public void close() {
        synchronized (backend.lock()) {
            vectors = release(vectors);
            inverseNorms = release(inverseNorms);
            ids = release(ids);
            ws.close();
        }
    }

    private static cl_mem release(cl_mem m) {
        if (m != null) {
            CL.clReleaseMemObject(m);
        }
        return null;
    }

    /** Per-search buffers, kept at the largest size seen. */
    private final class Workspace {
        cl_mem queries;
        cl_mem scores;
        cl_mem candScores;
        cl_mem candIds;
        cl_mem bestScores;
        cl_mem bestIds;
        private final long[] sizes = new long[6];

        cl_mem ensure(cl_mem current, int slot, long bytes) {
            if (current != null && sizes[slot] >= bytes) {
                return current;
            }
            release(current);
            sizes[slot] = 0;
            cl_mem m = CL.clCreateBuffer(backend.context(), CL_MEM_READ_WRITE, Math.max(bytes, 4), null, null);
            sizes[slot] = Math.max(bytes, 4);
            return m;
        }

        long bytes() {
            long b = 0;
            for (long s : sizes) {
                b += s;
            }
            return b;
        }

        void close() {
            queries = release(queries);
            scores = release(scores);
            candScores = release(candScores);
            candIds = release(candIds);
            bestScores = release(bestScores);
            bestIds = release(bestIds);
            java.util.Arrays.fill(sizes, 0);
        }
    }
}
