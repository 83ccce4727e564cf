package io.harpoon.exapp.compute.cpu;

import static java.util.Objects.requireNonNull;

import io.harpoon.exapp.compute.ComputeAvailability;
import io.harpoon.exapp.compute.ComputeBackend;
import io.harpoon.exapp.compute.ComputeFailure;
import io.harpoon.exapp.compute.ComputeKind;
import io.harpoon.exapp.compute.ResidentVectors;
import io.harpoon.exapp.compute.SearchHits;
import io.harpoon.exapp.compute.TopK;
import io.harpoon.exapp.compute.VectorSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Brute-force search on the CPU: the collection is split into row ranges, one task per range keeps a {@link TopK}
 * per query, the partial lists are merged. Each row is read once per batch (the queries stay in cache), which is why
 * the loop runs rows outside and queries inside.
 *
 * <p>"Resident" here means the snapshot's arrays are referenced, not copied.
 */
public final class CpuBackend implements ComputeBackend {
    /** Rows below which a search runs on the calling thread: forking costs more than it saves. */
    public static final int PARALLEL_MIN_ROWS = 16_384;

    private final Dot dot;
    private final int threads;
    private final ExecutorService pool;

    /** The Vector API when its module is loaded, else the scalar loop; one thread per available core. */
    public CpuBackend() {
        this(vectorApiLoaded(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param useVectorApi use {@code jdk.incubator.vector} (must be loaded) instead of the scalar loop
     * @param threads worker threads, >= 1
     */
    public CpuBackend(boolean useVectorApi, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
        }
        if (useVectorApi && !vectorApiLoaded()) {
            throw new IllegalArgumentException("useVectorApi: true (expected: jdk.incubator.vector in the boot layer)");
        }
        this.dot = useVectorApi ? loadVectorDot() : new ScalarDot();
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "exapp-cpu-search");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether {@code --add-modules jdk.incubator.vector} was given to this JVM. */
    public static boolean vectorApiLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Dot loadVectorDot() {
        try {
            return (Dot) Class.forName("io.harpoon.exapp.compute.cpu.VectorApiDot").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Vector API dot product could not be loaded", e);
        }
    }

    @Override
    public ComputeKind kind() {
        return ComputeKind.CPU;
    }

    @Override
    public ComputeAvailability availability() {
        return ComputeAvailability.available(ComputeKind.CPU, threads + " threads, " + dot.describe(), false);
    }

    @Override
    public ResidentVectors upload(VectorSnapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        return new Resident(snapshot);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private final class Resident implements ResidentVectors {
        private final VectorSnapshot v;

        Resident(VectorSnapshot v) {
            this.v = v;
        }

        @Override
        public int count() {
            return v.count();
        }

        @Override
        public int dimension() {
            return v.dimension();
        }

        @Override
        public long deviceBytes() {
            return 0;
        }

        @Override
        public SearchHits[] search(float[] queries, int nq, int k, boolean cosine) {
            int n = v.count();
            int tasks = n < PARALLEL_MIN_ROWS ? 1 : Math.min(threads * 4, n / (PARALLEL_MIN_ROWS / 4));
            TopK[] merged;
            if (tasks <= 1) {
                merged = scan(queries, nq, k, cosine, 0, n);
            } else {
                List<Future<TopK[]>> parts = new ArrayList<>(tasks);
                for (int t = 0; t < tasks; t++) {
                    int from = (int) ((long) n * t / tasks);
                    int to = (int) ((long) n * (t + 1) / tasks);
                    parts.add(pool.submit(() -> scan(queries, nq, k, cosine, from, to)));
                }
                merged = join(parts, nq, k);
            }
            SearchHits[] out = new SearchHits[nq];
            for (int q = 0; q < nq; q++) {
                out[q] = merged[q].toHits();
            }
            return out;
        }

        private TopK[] scan(float[] queries, int nq, int k, boolean cosine, int from, int to) {
            int dim = v.dimension();
            float[] data = v.data();
            long[] ids = v.ids();
            float[] inv = v.inverseNorms();
            TopK[] top = new TopK[nq];
            for (int q = 0; q < nq; q++) {
                top[q] = new TopK(k);
            }
            float[] four = new float[4];
            int nq4 = nq - nq % 4;
            for (int i = from; i < to; i++) {
                float scale = cosine ? inv[i] : 1f;
                int row = i * dim;
                for (int q = 0; q < nq4; q += 4) {
                    dot.dot4(data, row, queries, q * dim, (q + 1) * dim, (q + 2) * dim, (q + 3) * dim, dim, four);
                    for (int t = 0; t < 4; t++) {
                        float s = four[t] * scale;
                        if (s >= top[q + t].threshold()) {
                            top[q + t].offer(s, ids[i]);
                        }
                    }
                }
                for (int q = nq4; q < nq; q++) {
                    float s = dot.dot(data, row, queries, q * dim, dim) * scale;
                    if (s >= top[q].threshold()) {
                        top[q].offer(s, ids[i]);
                    }
                }
            }
            return top;
        }

        private TopK[] join(List<Future<TopK[]>> parts, int nq, int k) {
            TopK[] merged = new TopK[nq];
            for (int q = 0; q < nq; q++) {
                merged[q] = new TopK(k);
            }
            try {
                for (Future<TopK[]> f : parts) {
                    TopK[] part = f.get();
                    for (int q = 0; q < nq; q++) {
                        merged[q].mergeFrom(part[q]);
                    }
                }
            } catch (InterruptedException e) {
                parts.forEach(p -> p.cancel(true));
                Thread.currentThread().interrupt();
                throw new ComputeFailure(ComputeKind.CPU, "interrupted", e);
            } catch (ExecutionException e) {
                parts.forEach(p -> p.cancel(true));
                throw new ComputeFailure(ComputeKind.CPU, "search task failed", e.getCause());
            }
            return merged;
        }

        @Override
        public void close() {
            // Nothing held beyond the caller's arrays.
        }
    }
}
