package io.harpoon.exapp.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.testsupport.SeededRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search correctness every backend must pass: random data against the double-precision brute force of
 * {@link ReferenceSearch}, both metrics, every top-k size class, batches that are not a multiple of the query tile,
 * exact ties (duplicated vectors) ordered by ascending id, k larger than the collection, an empty collection.
 * Subclasses supply the backend and skip (with a printed reason) where it is absent; no fallback is allowed.
 */
@ExtendWith(SeededRandom.class)
public abstract class BackendContract {
    private ComputeBackend backend;

    /** The backend under test, already checked to be available. */
    protected abstract ComputeBackend create();

    /** Rows for the large case; the CPU backend uses it to cross its parallel threshold. */
    protected int largeRows() {
        return 5_000;
    }

    protected final ComputeBackend backend() {
        if (backend == null) {
            backend = create();
        }
        return backend;
    }

    @AfterEach
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    /** Random vectors with shuffled non-negative ids, a zero vector, and some exact duplicates (ties). */
    public static VectorSnapshot randomSnapshot(Random rnd, int n, int dim, int duplicates) {
        float[] data = new float[n * dim];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextFloat() * 2 - 1;
        }
        if (n > 3) {
            java.util.Arrays.fill(data, 0, dim, 0f);
        }
        for (int c = 0; c < duplicates && n > 2; c++) {
            int from = 1 + rnd.nextInt(n - 1);
            int to = 1 + rnd.nextInt(n - 1);
            System.arraycopy(data, from * dim, data, to * dim, dim);
        }
        long[] ids = new long[n];
        Set<Long> used = new HashSet<>();
        for (int i = 0; i < n; i++) {
            long id;
            do {
                id = rnd.nextInt(Math.max(16, n * 4));
            } while (!used.add(id));
            ids[i] = id;
        }
        return new VectorSnapshot(dim, n, data, ids, inverseNorms(data, n, dim));
    }

    static float[] inverseNorms(float[] data, int n, int dim) {
        float[] inv = new float[n];
        for (int i = 0; i < n; i++) {
            double nn = ReferenceSearch.norm(data, i * dim, dim);
            inv[i] = nn == 0 ? 0f : (float) (1 / nn);
        }
        return inv;
    }

    static float[] randomQueries(Random rnd, int nq, int dim) {
        float[] q = new float[nq * dim];
        for (int i = 0; i < q.length; i++) {
            q[i] = rnd.nextFloat() * 2 - 1;
        }
        return q;
    }

    /** What the collection does before calling a backend for cosine: unit-length queries. */
    static float[] normalised(float[] queries, int nq, int dim) {
        float[] out = queries.clone();
        for (int q = 0; q < nq; q++) {
            double nn = ReferenceSearch.norm(queries, q * dim, dim);
            for (int d = 0; d < dim; d++) {
                out[q * dim + d] = nn == 0 ? 0f : (float) (queries[q * dim + d] / nn);
            }
        }
        return out;
    }

    private void run(Random rnd, int n, int dim, int nq, int k, boolean cosine) {
        VectorSnapshot s = randomSnapshot(rnd, n, dim, Math.max(1, n / 50));
        float[] queries = randomQueries(rnd, nq, dim);
        SearchHits[] hits;
        try (ResidentVectors r = backend().upload(s)) {
            assertEquals(n, r.count());
            hits = r.search(cosine ? normalised(queries, nq, dim) : queries, nq, k, cosine);
        }
        assertEquals(nq, hits.length);
        for (int q = 0; q < nq; q++) {
            String label = backend().kind().wireName() + " n=" + n + " dim=" + dim + " k=" + k
                    + (cosine ? " cosine" : " ip") + " query " + q;
            ReferenceSearch.check(label, s, queries, q, k, cosine, hits[q]);
        }
    }

    @Test
    void innerProductSmallK(Random rnd) {
        run(rnd, 1_000, 37, 5, 10, false);
    }

    @Test
    void cosineSmallK(Random rnd) {
        run(rnd, 1_000, 37, 5, 10, true);
    }

    @Test
    void batchNotMultipleOfTileAndMidK(Random rnd) {
        run(rnd, 2_000, 24, 17, 40, false);
    }

    @Test
    void largestK(Random rnd) {
        run(rnd, 1_500, 8, 3, ComputeBackend.MAX_K, true);
    }

    @Test
    void kOne(Random rnd) {
        run(rnd, 700, 5, 9, 1, false);
    }

    @Test
    void largeCollection(Random rnd) {
        run(rnd, largeRows(), 16, 4, 10, true);
    }

    @Test
    void kLargerThanCollection(Random rnd) {
        run(rnd, 50, 12, 2, 64, false);
    }

    @Test
    void exactTiesOrderedByAscendingId(Random rnd) {
        int n = 300;
        int dim = 9;
        float[] one = randomQueries(rnd, 1, dim);
        float[] data = new float[n * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(one, 0, data, i * dim, dim);
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (long) (n - i) * 7 + 1_000_000_000_000L; // descending with the index, beyond 32 bits
        }
        VectorSnapshot s = new VectorSnapshot(dim, n, data, ids, inverseNorms(data, n, dim));
        float[] q = randomQueries(rnd, 2, dim);
        try (ResidentVectors r = backend().upload(s)) {
            for (boolean cosine : new boolean[] {false, true}) {
                SearchHits[] hits = r.search(cosine ? normalised(q, 2, dim) : q, 2, 20, cosine);
                for (SearchHits h : hits) {
                    long[] expected = new long[20];
                    for (int j = 0; j < 20; j++) {
                        expected[j] = (long) (j + 1) * 7 + 1_000_000_000_000L;
                    }
                    assertArrayEquals(expected, h.ids(), "all scores tie: the 20 smallest ids, ascending");
                }
            }
        }
    }

    @Test
    void emptyCollection() {
        VectorSnapshot s = new VectorSnapshot(4, 0, new float[0], new long[0], new float[0]);
        try (ResidentVectors r = backend().upload(s)) {
            SearchHits[] hits = r.search(new float[8], 2, 5, false);
            assertEquals(2, hits.length);
            assertTrue(hits[0].size() == 0 && hits[1].size() == 0);
        }
    }

    @Test
    void residentCopySurvivesManyQueries(Random rnd) {
        VectorSnapshot s = randomSnapshot(rnd, 800, 16, 4);
        try (ResidentVectors r = backend().upload(s)) {
            for (int round = 0; round < 3; round++) {
                int nq = 1 + rnd.nextInt(20);
                float[] q = randomQueries(rnd, nq, 16);
                SearchHits[] hits = r.search(q, nq, 7, false);
                for (int i = 0; i < nq; i++) {
                    ReferenceSearch.check("round " + round + " query " + i, s, q, i, 7, false, hits[i]);
                }
            }
        }
    }
}
