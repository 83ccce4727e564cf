package io.harpoon.exapp.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Double-precision brute force, the oracle for every backend, and the comparison rule.
 *
 * <p>Tolerance: a float score may differ from the double score by {@link #RELATIVE} x |q| x |v| (Cauchy-Schwarz
 * bound on the sum of |q_d v_d|, so it is relative to the magnitudes summed, not to a result that may cancel to 0);
 * for cosine that is {@link #RELATIVE} absolute. Id sets must be identical except for ids whose double score lies
 * within tolerance of the k-th best (a tie the float rounding may break either way).
 */
final class ReferenceSearch {
    static final double RELATIVE = 1e-4;

    private ReferenceSearch() {
    }

    /** Double score of every vector for query q (row-major data, un-normalised query). */
    static double[] scores(VectorSnapshot s, float[] queries, int q, boolean cosine) {
        int dim = s.dimension();
        double qn = norm(queries, q * dim, dim);
        double[] out = new double[s.count()];
        for (int i = 0; i < s.count(); i++) {
            double dot = 0;
            for (int d = 0; d < dim; d++) {
                dot += (double) queries[q * dim + d] * s.data()[i * dim + d];
            }
            if (cosine) {
                double vn = norm(s.data(), i * dim, dim);
                out[i] = qn == 0 || vn == 0 ? 0 : dot / (qn * vn);
            } else {
                out[i] = dot;
            }
        }
        return out;
    }

    static double tolerance(VectorSnapshot s, float[] queries, int q, int i, boolean cosine) {
        if (cosine) {
            return RELATIVE;
        }
        int dim = s.dimension();
        return RELATIVE * Math.max(norm(queries, q * dim, dim) * norm(s.data(), i * dim, dim), 1e-30);
    }

    static double norm(float[] a, int off, int n) {
        double sum = 0;
        for (int d = 0; d < n; d++) {
            sum += (double) a[off + d] * a[off + d];
        }
        return Math.sqrt(sum);
    }

    /** Asserts that {@code hits} is a correct top-k of query q (see the class comment). */
    static void check(String label, VectorSnapshot s, float[] queries, int q, int k, boolean cosine, SearchHits hits) {
        double[] ref = scores(s, queries, q, cosine);
        int n = s.count();
        int expected = Math.min(k, n);
        assertEquals(expected, hits.size(), label + ": result size");
        java.util.Map<Long, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(s.ids()[i], i);
        }
        double maxTol = 0;
        for (int i = 0; i < n; i++) {
            maxTol = Math.max(maxTol, tolerance(s, queries, q, i, cosine));
        }
        Set<Long> got = new HashSet<>();
        for (int j = 0; j < hits.size(); j++) {
            long id = hits.ids()[j];
            Integer i = index.get(id);
            if (i == null) {
                fail(label + ": unknown id " + id + " at rank " + j);
            }
            assertTrue(got.add(id), label + ": duplicate id " + id);
            double tol = tolerance(s, queries, q, i, cosine);
            assertEquals(ref[i], hits.scores()[j], tol, label + ": score of id " + id + " at rank " + j);
            if (j > 0) {
                float ps = hits.scores()[j - 1];
                long pid = hits.ids()[j - 1];
                assertTrue(TopK.better(ps, pid, hits.scores()[j], id),
                        label + ": rank " + j + " out of order (" + pid + ":" + ps + " then " + id + ":" + hits.scores()[j] + ")");
            }
        }
        double[] sorted = ref.clone();
        Arrays.sort(sorted);
        double kth = sorted[n - expected];
        for (int i = 0; i < n; i++) {
            long id = s.ids()[i];
            boolean clearlyIn = ref[i] > kth + 2 * maxTol;
            boolean clearlyOut = ref[i] < kth - 2 * maxTol;
            if (clearlyIn) {
                assertTrue(got.contains(id), label + ": id " + id + " (score " + ref[i] + " > k-th " + kth + ") missing");
            }
            if (clearlyOut) {
                assertTrue(!got.contains(id), label + ": id " + id + " (score " + ref[i] + " < k-th " + kth + ") returned");
            }
        }
    }
}
