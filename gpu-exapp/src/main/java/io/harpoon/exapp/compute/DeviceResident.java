package io.harpoon.exapp.compute;

/**
 * The search loop every device backend runs, over five device operations. OpenCL and CUDA only say how to copy and
 * launch; chunking, padding and unpacking live here once (and are exercised on PoCL in CI).
 *
 * <pre>
 *   for each chunk of queries:  writeQueries -> scores -> topk(pass 1) -> topk(pass 2) -> readBest
 * </pre>
 *
 * Calls are serialised on {@link #lock()} (one command queue / context per backend).
 */
public abstract class DeviceResident implements ResidentVectors {
    private final int count;
    private final int dimension;
    private final long scoreBudget;

    protected DeviceResident(int count, int dimension, long scoreBudget) {
        this.count = count;
        this.dimension = dimension;
        this.scoreBudget = scoreBudget;
    }

    @Override
    public final int count() {
        return count;
    }

    @Override
    public final int dimension() {
        return dimension;
    }

    @Override
    public final SearchHits[] search(float[] queries, int nq, int k, boolean cosine) {
        if (nq < 1) {
            return new SearchHits[0];
        }
        if ((long) nq * dimension > queries.length) {
            throw new IllegalArgumentException("queries: " + queries.length + " floats (expected: >= "
                    + (long) nq * dimension + ")");
        }
        DeviceKernelSource.kmaxFor(k);
        SearchHits[] out = new SearchHits[nq];
        if (count == 0) {
            java.util.Arrays.fill(out, new SearchHits(new long[0], new float[0]));
            return out;
        }
        DeviceGeometry g = DeviceGeometry.of(count, dimension, nq, k, scoreBudget);
        synchronized (lock()) {
            for (int q0 = 0; q0 < nq; q0 += g.queryChunk()) {
                int qc = Math.min(g.queryChunk(), nq - q0);
                writeQueries(DeviceGeometry.packQueries(queries, dimension, q0, qc));
                scores(qc, cosine);
                topk(qc, k, g.parts());
                float[] bestScores = new float[qc * k];
                long[] bestIds = new long[qc * k];
                readBest(qc, k, bestScores, bestIds);
                System.arraycopy(DeviceGeometry.unpack(bestScores, bestIds, qc, k), 0, out, q0, qc);
            }
        }
        return out;
    }

    /** Monitor that serialises use of the backend's queue or context. */
    protected abstract Object lock();

    /** Copies the padded queries of one chunk to the device. */
    protected abstract void writeQueries(float[] padded);

    /** Runs {@code hp_scores} over {@code qc} queries. */
    protected abstract void scores(int qc, boolean cosine);

    /** Runs {@code hp_topk} twice: {@code parts} lists per query, then one. */
    protected abstract void topk(int qc, int k, int parts);

    /** Waits for the queue and copies the {@code qc * k} best pairs back. */
    protected abstract void readBest(int qc, int k, float[] scores, long[] ids);
}
