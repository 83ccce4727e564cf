/*
 * Brute-force top-k, shared by the OpenCL and CUDA backends. A prelude defines KERNEL, GLOBAL, GID0, GID1, FMA,
 * IDX (an unsigned 64-bit index type), i64, NEG_INF, BLOCK, QTILE and KMAX (DeviceKernelSource.java); the body below is the same text on both, so the
 * OpenCL run on PoCL in CI also checks the logic the CUDA backend compiles.
 *
 * Vector layout ("blocked columns"): vectors are grouped in blocks of BLOCK; inside a block, component d of all
 * BLOCK vectors is contiguous, so neighbouring work items (neighbouring vectors) read neighbouring addresses.
 *
 *   element (i, d) at  (i / BLOCK) * BLOCK * dim  +  d * BLOCK  +  (i % BLOCK)
 *
 * Order: higher score first, equal scores by ascending id (TopK.better in Java).
 */

/* scores[q * n + i] = dot(query q, vector i) * (cosine ? inv[i] : 1). Grid: (n, ceil(nq / QTILE)).
 * queries holds ceil(nq / QTILE) * QTILE rows (zero padded). */
KERNEL void hp_scores(GLOBAL const float* vecs, GLOBAL const float* inv, GLOBAL const float* queries,
                      GLOBAL float* scores, int n, int dim, int nq, int cosine) {
    int i = (int) GID0;
    int q0 = (int) GID1 * QTILE;
    if (i >= n || q0 >= nq) {
        return;
    }
    GLOBAL const float* v = vecs + (IDX) (i / BLOCK) * BLOCK * dim + (i % BLOCK);
    GLOBAL const float* qs = queries + (IDX) q0 * dim;
    float acc[QTILE];
    for (int t = 0; t < QTILE; t++) {
        acc[t] = 0.0f;
    }
    for (int d = 0; d < dim; d++) {
        float x = v[(IDX) d * BLOCK];
        for (int t = 0; t < QTILE; t++) {
            acc[t] = FMA(x, qs[t * dim + d], acc[t]);
        }
    }
    float scale = cosine ? inv[i] : 1.0f;
    for (int t = 0; t < QTILE; t++) {
        if (q0 + t < nq) {
            scores[(IDX) (q0 + t) * n + i] = acc[t] * scale;
        }
    }
}

/* Partial top-k: work item (p, q) scans elements p, p + parts, p + 2 * parts, ... of row q of scores and writes
 * its best k (score, id) pairs, best first, to out[(q * parts + p) * k ...]; unused slots get id -1.
 * ids[q * idStride + i] is element i's id: idStride 0 for the shared vector ids (pass 1), n for the
 * candidate lists of pass 1 (pass 2). Elements with id < 0 are skipped. Grid: (parts, nq). */
KERNEL void hp_topk(GLOBAL const float* scores, GLOBAL const i64* ids, GLOBAL float* outScores, GLOBAL i64* outIds,
                    int n, int nq, int k, int parts, int idStride) {
    int p = (int) GID0;
    int q = (int) GID1;
    if (p >= parts || q >= nq) {
        return;
    }
    float bs[KMAX];
    i64 bi[KMAX];
    int cnt = 0;
    GLOBAL const float* row = scores + (IDX) q * n;
    GLOBAL const i64* rowIds = ids + (IDX) q * idStride;
    for (int i = p; i < n; i += parts) {
        float s = row[i];
        if (cnt == k && s < bs[k - 1]) {
            continue;
        }
        i64 id = rowIds[i];
        if (id < 0) {
            continue;
        }
        if (cnt == k) {
            if (!(s > bs[k - 1] || id < bi[k - 1])) {
                continue;
            }
            cnt--;
        }
        int pos = cnt;
        while (pos > 0 && (s > bs[pos - 1] || (s == bs[pos - 1] && id < bi[pos - 1]))) {
            bs[pos] = bs[pos - 1];
            bi[pos] = bi[pos - 1];
            pos--;
        }
        bs[pos] = s;
        bi[pos] = id;
        cnt++;
    }
    IDX base = ((IDX) q * parts + p) * k;
    for (int j = 0; j < k; j++) {
        outScores[base + j] = j < cnt ? bs[j] : NEG_INF;
        outIds[base + j] = j < cnt ? bi[j] : (i64) -1;
    }
}
