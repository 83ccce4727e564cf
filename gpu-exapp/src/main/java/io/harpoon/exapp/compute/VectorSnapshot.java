package io.harpoon.exapp.compute;

import static java.util.Objects.requireNonNull;

/**
 * The vectors a backend uploads: row-major {@code data[i * dimension + d]}, ids and inverse norms ({@code 1/|v|},
 * 0 for a zero vector) for rows {@code 0..count-1}. The arrays may be longer than {@code count}; the caller keeps
 * them unchanged while the backend copies them (the collection's read lock) and invalidates the resident copy on
 * the next mutation, so a backend may also keep referencing them (the CPU backend does).
 */
public record VectorSnapshot(int dimension, int count, float[] data, long[] ids, float[] inverseNorms) {
    public VectorSnapshot {
        requireNonNull(data, "data");
        requireNonNull(ids, "ids");
        requireNonNull(inverseNorms, "inverseNorms");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension: " + dimension + " (expected: >= 1)");
        }
        if (count < 0 || (long) count * dimension > data.length || count > ids.length || count > inverseNorms.length) {
            throw new IllegalArgumentException("count: " + count + " (expected: <= rows in data, ids and norms)");
        }
    }
}
