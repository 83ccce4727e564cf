package io.harpoon.exapp.compute;

/**
 * Bounded selection of the k best (score, id) pairs. "Better" is the one order every backend uses:
 * higher score first, equal scores by ascending id, so results are deterministic when scores tie.
 *
 * <p>A binary heap whose root is the worst kept pair: an offer costs O(1) when it loses to the root (the common
 * case on large collections) and O(log k) otherwise. Not thread-safe; the CPU backend keeps one per task.
 */
public final class TopK {
    private final int k;
    private final float[] scores;
    private final long[] ids;
    private int size;

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k: " + k + " (expected: >= 1)");
        }
        this.k = k;
        this.scores = new float[k];
        this.ids = new long[k];
    }

    /** Whether (s1, id1) ranks before (s2, id2). */
    public static boolean better(float s1, long id1, float s2, long id2) {
        return s1 > s2 || (s1 == s2 && id1 < id2);
    }

    /** Offers a pair; kept if fewer than k are held or it beats the worst held. */
    public void offer(float score, long id) {
        if (size < k) {
            int i = size++;
            scores[i] = score;
            ids[i] = id;
            siftUp(i);
            return;
        }
        if (!better(score, id, scores[0], ids[0])) {
            return;
        }
        scores[0] = score;
        ids[0] = id;
        siftDown(0);
    }

    /** Worst score held when full, else negative infinity: a cheap pre-filter for callers. */
    public float threshold() {
        return size < k ? Float.NEGATIVE_INFINITY : scores[0];
    }

    public int size() {
        return size;
    }

    /** Adds every pair held by {@code other}. */
    public void mergeFrom(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.scores[i], other.ids[i]);
        }
    }

    /** The pairs, best first. Leaves this instance unchanged. */
    public SearchHits toHits() {
        TopK copy = new TopK(k);
        copy.size = size;
        System.arraycopy(scores, 0, copy.scores, 0, size);
        System.arraycopy(ids, 0, copy.ids, 0, size);
        long[] outIds = new long[size];
        float[] outScores = new float[size];
        for (int i = size - 1; i >= 0; i--) {
            outScores[i] = copy.scores[0];
            outIds[i] = copy.ids[0];
            copy.removeRoot();
        }
        return new SearchHits(outIds, outScores);
    }

    private void removeRoot() {
        size--;
        scores[0] = scores[size];
        ids[0] = ids[size];
        siftDown(0);
    }

    // Heap order: parent is worse than (or equal to) its children.
    private void siftUp(int i) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!better(scores[p], ids[p], scores[i], ids[i])) {
                return;
            }
            swap(i, p);
            i = p;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            int r = l + 1;
            if (r < size && better(scores[l], ids[l], scores[r], ids[r])) {
                worst = r;
            }
            if (!better(scores[i], ids[i], scores[worst], ids[worst])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        long t = ids[a];
        ids[a] = ids[b];
        ids[b] = t;
    }
}
