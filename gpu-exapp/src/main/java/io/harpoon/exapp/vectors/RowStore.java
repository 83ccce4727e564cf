package io.harpoon.exapp.vectors;

import io.harpoon.exapp.compute.VectorSnapshot;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The rows of one collection in memory: row-major floats, ids and inverse norms in parallel arrays, an id-to-row
 * index, swap-remove on delete. Not thread-safe; {@link VectorCollection} guards it with its read/write lock.
 */
final class RowStore {
    private final int dimension;
    private final HashMap<Long, Integer> index = new HashMap<>();
    private float[] data;
    private long[] ids;
    private float[] inverseNorms;
    private int count;

    RowStore(int dimension) {
        this.dimension = dimension;
        this.data = new float[16 * dimension];
        this.ids = new long[16];
        this.inverseNorms = new float[16];
    }

    int count() {
        return count;
    }

    /** Inserts or overwrites the row of {@code id} from {@code src[offset ..]}. */
    void put(long id, float[] src, int offset) {
        Integer at = index.get(id);
        int row;
        if (at != null) {
            row = at;
        } else {
            ensureCapacity(count + 1);
            row = count++;
            ids[row] = id;
            index.put(id, row);
        }
        System.arraycopy(src, offset, data, row * dimension, dimension);
        double sum = 0;
        for (int d = 0; d < dimension; d++) {
            sum += (double) src[offset + d] * src[offset + d];
        }
        inverseNorms[row] = sum == 0 ? 0f : (float) (1 / Math.sqrt(sum));
    }

    /** Removes {@code id}; the last row moves into its slot. */
    boolean remove(long id) {
        Integer at = index.remove(id);
        if (at == null) {
            return false;
        }
        int last = --count;
        if (at != last) {
            System.arraycopy(data, last * dimension, data, at * dimension, dimension);
            ids[at] = ids[last];
            inverseNorms[at] = inverseNorms[last];
            index.put(ids[at], at);
        }
        return true;
    }

    /** A view over the live arrays: valid until the next mutation (the caller holds the read lock). */
    VectorSnapshot view() {
        return new VectorSnapshot(dimension, count, data, ids, inverseNorms);
    }

    /** A copy of the live rows. */
    VectorSnapshot copy() {
        return new VectorSnapshot(dimension, count, Arrays.copyOf(data, count * dimension), Arrays.copyOf(ids, count),
                Arrays.copyOf(inverseNorms, count));
    }

    private void ensureCapacity(int rows) {
        if (rows <= ids.length) {
            return;
        }
        int cap = (int) Math.max(rows, Math.min((long) ids.length * 2, VectorLimits.MAX_FLOATS / dimension));
        data = Arrays.copyOf(data, cap * dimension);
        ids = Arrays.copyOf(ids, cap);
        inverseNorms = Arrays.copyOf(inverseNorms, cap);
    }
}
