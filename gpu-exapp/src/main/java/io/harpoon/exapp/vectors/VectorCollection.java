package io.harpoon.exapp.vectors;

import static java.util.Objects.requireNonNull;

import io.harpoon.exapp.compute.ComputeBackend;
import io.harpoon.exapp.compute.ResidentVectors;
import io.harpoon.exapp.compute.SearchHits;
import io.harpoon.exapp.compute.VectorSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A named set of float32 vectors of one dimension, keyed by non-negative 63-bit ids.
 *
 * <p>Rows live in a {@link RowStore}. Every mutation is written to the
 * {@link CollectionLog} before memory changes and drops the backend's resident copy; the next search uploads again
 * and the copy then stays on the device across queries. Searches share a read lock; mutations take the write lock.
 */
public final class VectorCollection {
    /** Dead bytes tolerated in a log before a load rewrites it. */
    static final long COMPACT_SLACK_BYTES = 1 << 20;

    private final String name;
    private final int dimension;
    private final ComputeBackend backend;
    private CollectionLog log;
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final Object residentLock = new Object();
    private final RowStore rows;
    private ResidentVectors resident;

    private VectorCollection(String name, int dimension, ComputeBackend backend) {
        this.name = VectorLimits.checkName(name);
        this.dimension = VectorLimits.checkDimension(dimension);
        this.backend = requireNonNull(backend, "backend");
        this.rows = new RowStore(dimension);
    }

    /** A new, empty collection with its log at {@code path}. */
    static VectorCollection create(String name, int dimension, Path path, ComputeBackend backend) throws IOException {
        VectorCollection c = new VectorCollection(name, dimension, backend);
        c.log = CollectionLog.create(path, dimension);
        return c;
    }

    /**
     * Replays the log at {@code path}; rewrites it when most of it is dead (overwritten or deleted rows), so the
     * file stays proportional to the live rows.
     */
    static VectorCollection load(String name, Path path, ComputeBackend backend) throws IOException {
        int dim = CollectionLog.readDimension(path);
        VectorCollection c = new VectorCollection(name, dim, backend);
        c.log = CollectionLog.replay(path, dim, new CollectionLog.Sink() {
            @Override
            public void add(long id, float[] row) {
                c.rows.put(id, row, 0);
            }

            @Override
            public void delete(long id) {
                c.rows.remove(id);
            }
        });
        long live = CollectionLog.HEADER_BYTES + 9L + (long) c.rows.count() * (8 + 4L * dim);
        if (c.log.sizeBytes() > 2 * live + COMPACT_SLACK_BYTES) {
            VectorSnapshot v = c.rows.view();
            c.log.rewrite(v.ids(), v.data(), v.count());
        }
        return c;
    }

    public String name() {
        return name;
    }

    public int dimension() {
        return dimension;
    }

    public int count() {
        rw.readLock().lock();
        try {
            return rows.count();
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Bytes the backend holds for this collection (0 when not resident or on the CPU). */
    public long residentBytes() {
        synchronized (residentLock) {
            return resident == null ? 0 : resident.deviceBytes();
        }
    }

    /**
     * Inserts or replaces vectors; within one call a repeated id keeps its last row.
     *
     * @param newIds ids, each >= 0
     * @param values row-major {@code newIds.length * dimension()} finite floats
     * @return the collection size afterwards
     */
    public int upsert(long[] newIds, float[] values) throws IOException {
        requireNonNull(newIds, "ids");
        requireNonNull(values, "values");
        if ((long) newIds.length * dimension != values.length) {
            throw new IllegalArgumentException("vectors: " + values.length + " floats for " + newIds.length
                    + " ids (expected: " + (long) newIds.length * dimension + ", dimension " + dimension + ")");
        }
        for (int i = 0; i < newIds.length; i++) {
            if (newIds[i] < 0) {
                throw new IllegalArgumentException("id: " + newIds[i] + " (expected: >= 0)");
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("vector " + newIds[i / dimension] + " component " + (i % dimension)
                        + ": " + values[i] + " (expected: finite)");
            }
        }
        rw.writeLock().lock();
        try {
            if ((long) (rows.count() + newIds.length) * dimension > VectorLimits.MAX_FLOATS) {
                throw new IllegalArgumentException("vectors: " + (rows.count() + newIds.length) + " (expected: <= "
                        + VectorLimits.MAX_FLOATS / dimension + " at dimension " + dimension + ")");
            }
            log.appendAdd(newIds, values, newIds.length);
            for (int i = 0; i < newIds.length; i++) {
                rows.put(newIds[i], values, i * dimension);
            }
            dropResident();
            return rows.count();
        } finally {
            rw.writeLock().unlock();
        }
    }

    /** Removes the ids that exist; returns how many were removed. */
    public int delete(long[] gone) throws IOException {
        requireNonNull(gone, "ids");
        rw.writeLock().lock();
        try {
            log.appendDelete(gone);
            int removed = 0;
            for (long id : gone) {
                removed += rows.remove(id) ? 1 : 0;
            }
            if (removed > 0) {
                dropResident();
            }
            return removed;
        } finally {
            rw.writeLock().unlock();
        }
    }

    /**
     * Top-k for each query, best first (descending score, ties by ascending id).
     *
     * @param queries row-major {@code nq * dimension()} floats
     */
    public SearchHits[] search(float[] queries, int nq, int k, Metric metric) {
        requireNonNull(queries, "queries");
        requireNonNull(metric, "metric");
        if (nq < 1 || nq > VectorLimits.MAX_QUERIES) {
            throw new IllegalArgumentException("queries: " + nq + " (expected: 1.." + VectorLimits.MAX_QUERIES + ")");
        }
        if ((long) nq * dimension != queries.length) {
            throw new IllegalArgumentException("query length: " + queries.length / Math.max(nq, 1)
                    + " (expected: dimension " + dimension + ")");
        }
        if (k < 1 || k > VectorLimits.MAX_K) {
            throw new IllegalArgumentException("k: " + k + " (expected: 1.." + VectorLimits.MAX_K + ")");
        }
        for (float f : queries) {
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException("query component: " + f + " (expected: finite)");
            }
        }
        boolean cosine = metric == Metric.COSINE;
        float[] q = cosine ? normalise(queries, nq) : queries;
        rw.readLock().lock();
        try {
            return residentCopy().search(q, nq, k, cosine);
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Uploads to the backend now (init warms large collections so the first query does not pay for it). */
    public void makeResident() {
        rw.readLock().lock();
        try {
            residentCopy();
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Live rows in a fresh snapshot (copies; for tests and tools). */
    public VectorSnapshot snapshot() {
        rw.readLock().lock();
        try {
            return rows.copy();
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Id to row as a map, for tests (insertion order of rows). */
    Map<Long, float[]> rowsById() {
        rw.readLock().lock();
        try {
            VectorSnapshot v = rows.view();
            Map<Long, float[]> out = new LinkedHashMap<>();
            for (int i = 0; i < v.count(); i++) {
                out.put(v.ids()[i], Arrays.copyOfRange(v.data(), i * dimension, (i + 1) * dimension));
            }
            return out;
        } finally {
            rw.readLock().unlock();
        }
    }

    // Caller holds the read lock, so no mutation can run; residentLock orders concurrent first uploads.
    private ResidentVectors residentCopy() {
        synchronized (residentLock) {
            if (resident == null) {
                resident = backend.upload(rows.view());
            }
            return resident;
        }
    }

    private void dropResident() {
        synchronized (residentLock) {
            if (resident != null) {
                resident.close();
                resident = null;
            }
        }
    }

    private float[] normalise(float[] queries, int nq) {
        float[] out = new float[queries.length];
        for (int q = 0; q < nq; q++) {
            double sum = 0;
            for (int d = 0; d < dimension; d++) {
                sum += (double) queries[q * dimension + d] * queries[q * dimension + d];
            }
            double inv = sum == 0 ? 0 : 1 / Math.sqrt(sum);
            for (int d = 0; d < dimension; d++) {
                out[q * dimension + d] = (float) (queries[q * dimension + d] * inv);
            }
        }
        return out;
    }

    long logBytes() throws IOException {
        return log.sizeBytes();
    }

    void close(boolean deleteFile) throws IOException {
        rw.writeLock().lock();
        try {
            dropResident();
            if (deleteFile) {
                log.delete();
            } else {
                log.close();
            }
        } finally {
            rw.writeLock().unlock();
        }
    }
}
