package io.harpoon.exapp.compute;

import static java.util.Objects.requireNonNull;

/**
 * Top-k of one query, best first: descending score, equal scores by ascending id.
 *
 * @param ids vector ids, at most k (fewer when the collection is smaller)
 * @param scores their scores, same length
 */
public record SearchHits(long[] ids, float[] scores) {
    public SearchHits {
        requireNonNull(ids, "ids");
        requireNonNull(scores, "scores");
        if (ids.length != scores.length) {
            throw new IllegalArgumentException("scores: " + scores.length + " (expected: " + ids.length + ")");
        }
    }

    public int size() {
        return ids.length;
    }
}
