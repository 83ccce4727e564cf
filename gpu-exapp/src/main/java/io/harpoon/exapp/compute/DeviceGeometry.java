package io.harpoon.exapp.compute;

/**
 * Launch geometry and host-side packing shared by the device backends (pure Java, tested without a device).
 *
 * <pre>
 *   pass 0  hp_scores  grid (n, ceil(qc / QTILE))   scores[qc x n]          qc = queries per chunk
 *   pass 1  hp_topk    grid (parts, qc)             cand[qc x parts x k]    each item scans n / parts scores
 *   pass 2  hp_topk    grid (1, qc)                 best[qc x k]            merges the parts lists
 * </pre>
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>constant</th><th>value</th><th>why</th></tr>
 *   <tr><td>{@link #SCORE_BUDGET}</td><td>2^26 floats (256 MiB)</td><td>device buffer for one chunk of
 *       scores; bounds device memory beyond the vectors</td></tr>
 *   <tr><td>{@link #MAX_PARTS}</td><td>1024</td><td>partial lists per query; pass 2 scans parts * k
 *       candidates on one work item</td></tr>
 *   <tr><td>{@link #STAGING_VECTORS}</td><td>16384</td><td>vectors transposed per host-to-device copy</td></tr>
 * </table>
 *
 * @param n vectors
 * @param dim dimension
 * @param k results per query
 * @param parts partial lists per query in pass 1
 * @param queryChunk queries per chunk (multiple of QTILE unless all queries fit)
 */
public record DeviceGeometry(int n, int dim, int k, int parts, int queryChunk) {
    public static final long SCORE_BUDGET = 1L << 26;
    public static final int MAX_PARTS = 1024;
    public static final int STAGING_VECTORS = 16_384;

    /** Geometry for a search of {@code nq} queries over {@code n} vectors. */
    public static DeviceGeometry of(int n, int dim, int nq, int k) {
        return of(n, dim, nq, k, SCORE_BUDGET);
    }

    /** As {@link #of(int, int, int, int)} with a smaller score buffer (tests use it to force chunking). */
    public static DeviceGeometry of(int n, int dim, int nq, int k, long scoreBudget) {
        if (n < 1 || dim < 1 || nq < 1 || k < 1) {
            throw new IllegalArgumentException("n, dim, nq, k: " + n + ", " + dim + ", " + nq + ", " + k
                    + " (expected: all >= 1)");
        }
        // Enough items per list that a list is mostly full, few enough that pass 2 stays short.
        int parts = (int) Math.max(1, Math.min(MAX_PARTS, n / (4L * k)));
        long fit = Math.max(1, scoreBudget / n);
        int chunk = (int) Math.min(nq, fit);
        if (chunk < nq && chunk > DeviceKernelSource.QTILE) {
            chunk -= chunk % DeviceKernelSource.QTILE;
        }
        return new DeviceGeometry(n, dim, k, parts, chunk);
    }

    /** Vectors rounded up to whole blocks. */
    public static long paddedCount(int n) {
        long b = DeviceKernelSource.BLOCK;
        return (n + b - 1) / b * b;
    }

    /** Work-item rows of {@code hp_scores} for {@code qc} queries. */
    public static int queryTiles(int qc) {
        return (qc + DeviceKernelSource.QTILE - 1) / DeviceKernelSource.QTILE;
    }

    /**
     * Transposes rows {@code from..from+count-1} of row-major {@code data} into the blocked-column layout of
     * {@code search-kernels.c}. {@code from} must start a block; the output covers whole blocks (padding zero).
     *
     * @return the floats to copy to device offset {@code from * dim}
     */
    public static float[] packBlocked(float[] data, int dim, int from, int count) {
        int block = DeviceKernelSource.BLOCK;
        if (from % block != 0) {
            throw new IllegalArgumentException("from: " + from + " (expected: a multiple of " + block + ")");
        }
        int blocks = (count + block - 1) / block;
        float[] out = new float[blocks * block * dim];
        for (int r = 0; r < count; r++) {
            int src = (from + r) * dim;
            int dst = (r / block) * block * dim + (r % block);
            for (int d = 0; d < dim; d++) {
                out[dst + d * block] = data[src + d];
            }
        }
        return out;
    }

    /** Receives one packed chunk for device offset {@code floatOffset}; called in order on the uploading thread. */
    @FunctionalInterface
    public interface ChunkWriter {
        void write(long floatOffset, float[] packed);
    }

    /**
     * Packs rows {@code 0..n-1} chunk by chunk ({@link #STAGING_VECTORS} rows each) and hands each chunk to
     * {@code writer} in order. Chunks are transposed in parallel, a few at a time, while the device copies run on the
     * calling thread (which holds the device context).
     */
    public static void packAll(float[] data, int dim, int n, ChunkWriter writer) {
        int chunks = (n + STAGING_VECTORS - 1) / STAGING_VECTORS;
        int group = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
        for (int g = 0; g < chunks; g += group) {
            int first = g;
            float[][] packed = java.util.stream.IntStream.range(first, Math.min(chunks, first + group)).parallel()
                    .mapToObj(c -> packBlocked(data, dim, c * STAGING_VECTORS, Math.min(STAGING_VECTORS, n - c * STAGING_VECTORS)))
                    .toArray(float[][]::new);
            for (int i = 0; i < packed.length; i++) {
                writer.write((long) (first + i) * STAGING_VECTORS * dim, packed[i]);
            }
        }
    }

    /** Queries of chunk {@code [q0, q0 + qc)} copied and zero-padded to whole tiles. */
    public static float[] packQueries(float[] queries, int dim, int q0, int qc) {
        float[] out = new float[queryTiles(qc) * DeviceKernelSource.QTILE * dim];
        System.arraycopy(queries, q0 * dim, out, 0, qc * dim);
        return out;
    }

    /** Turns pass 2's output (best first, id -1 = empty slot) into hits. */
    public static SearchHits[] unpack(float[] scores, long[] ids, int qc, int k) {
        SearchHits[] out = new SearchHits[qc];
        for (int q = 0; q < qc; q++) {
            int m = 0;
            while (m < k && ids[q * k + m] >= 0) {
                m++;
            }
            long[] hi = new long[m];
            float[] hs = new float[m];
            System.arraycopy(ids, q * k, hi, 0, m);
            System.arraycopy(scores, q * k, hs, 0, m);
            out[q] = new SearchHits(hi, hs);
        }
        return out;
    }
}
