package io.harpoon.kernels.bench;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.api.KernelId;
import io.harpoon.kernels.select.BackendRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Times each kernel on each available backend for each shape of a {@link BenchGrid}. Each backend runs
 * directly (no fallback: a device figure that was really a CPU run cannot appear), its first result is checked
 * against the {@code jdk} backend and a mismatch aborts the run. Host-device transfers happen inside the backend
 * call and are therefore inside the timed region.
 */
final class BenchRunner {
    /** Kernels measured; {@code crc32c-masked} is placed like {@code crc32c} (one extra rotate and add). */
    static final KernelId[] KERNELS = {KernelId.CRC32C, KernelId.AES128_CFB, KernelId.AES_GCM};

    private final BenchGrid grid;
    private final BackendRegistry registry;
    private final Consumer<String> progress;
    private final Random random = new Random(42);

    BenchRunner(BenchGrid grid, BackendRegistry registry, Consumer<String> progress) {
        this.grid = grid;
        this.registry = registry;
        this.progress = progress;
    }

    List<Measurement> run() {
        List<KernelBackend> backends = new ArrayList<>();
        for (KernelBackend b : registry.all()) {
            Availability a = b.availability();
            if (a.available()) {
                backends.add(b);
            } else {
                progress.accept("skip backend " + a);
            }
        }
        List<Measurement> out = new ArrayList<>();
        for (KernelId k : KERNELS) {
            for (int[] shape : grid.shapes()) {
                Workload w = new Workload(k, shape[0], shape[1], random);
                Object expected = w.expected(registry.get(Backend.JDK));
                for (KernelBackend b : backends) {
                    if (!b.supports(k)) {
                        out.add(new Measurement(k.wireName(), b.id().wireName(), shape[0], shape[1], 0, 0,
                                "does not implement " + k.wireName()));
                        continue;
                    }
                    out.add(measure(w, b, expected));
                }
            }
        }
        return out;
    }

    private Measurement measure(Workload w, KernelBackend b, Object expected) {
        String kernel = w.kernel.wireName();
        try {
            Object first = w.checkedRun(b);
            if (!w.same(expected, first)) {
                throw new IllegalStateException("backend " + b.id().wireName() + " disagrees with jdk on " + kernel
                        + " " + w.size + " B x " + w.count);
            }
            long warmEnd = System.nanoTime() + grid.warmupNanos();
            while (System.nanoTime() < warmEnd) {
                w.run(b);
            }
            List<Long> times = new ArrayList<>();
            long end = System.nanoTime() + grid.targetNanos();
            do {
                long t0 = System.nanoTime();
                w.run(b);
                times.add(System.nanoTime() - t0);
            } while (System.nanoTime() < end && times.size() < 100_000);
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            double median = sorted[sorted.length / 2];
            Measurement m = new Measurement(kernel, b.id().wireName(), w.size, w.count, sorted.length, median, "");
            progress.accept(String.format("%-13s %-8s %8d B x %5d  %9.3f GB/s", kernel, m.backend(), w.size, w.count, m.gbps()));
            return m;
        } catch (IllegalStateException mismatch) {
            throw mismatch;
        } catch (RuntimeException | LinkageError e) {
            progress.accept("failed " + kernel + " on " + b.id().wireName() + ": " + e);
            return new Measurement(kernel, b.id().wireName(), w.size, w.count, 0, 0, "failed: " + e);
        }
    }

    /** Inputs for one (kernel, shape) point, reset before the checked run so results compare. */
    private static final class Workload {
        final KernelId kernel;
        final int size;
        final int count;
        final byte[] pristine;
        final BatchBuffers batch;
        final CfbStream[] streams;
        final CfbStream[] pristineStreams;
        final byte[][] keys;
        final byte[][] ivs;
        final byte[] tags;
        final int[] crcOut;

        Workload(KernelId kernel, int size, int count, Random rnd) {
            this.kernel = kernel;
            this.size = size;
            this.count = count;
            pristine = new byte[size * count];
            rnd.nextBytes(pristine);
            int[] offs = new int[count];
            int[] lens = new int[count];
            for (int i = 0; i < count; i++) {
                offs[i] = i * size;
                lens[i] = size;
            }
            batch = new BatchBuffers(pristine.clone(), offs, lens);
            streams = new CfbStream[count];
            pristineStreams = new CfbStream[count];
            keys = new byte[count][16];
            ivs = new byte[count][12];
            for (int i = 0; i < count; i++) {
                byte[] iv = new byte[16];
                rnd.nextBytes(keys[i]);
                rnd.nextBytes(iv);
                rnd.nextBytes(ivs[i]);
                pristineStreams[i] = new CfbStream(keys[i], iv);
                streams[i] = pristineStreams[i].copy();
            }
            tags = new byte[count * GcmBatch.TAG_BYTES];
            crcOut = new int[count];
        }

        void reset() {
            System.arraycopy(pristine, 0, batch.data(), 0, pristine.length);
            for (int i = 0; i < count; i++) {
                streams[i].restoreFrom(pristineStreams[i]);
            }
        }

        void run(KernelBackend b) {
            switch (kernel) {
                case CRC32C, CRC32C_MASKED -> b.crc32c(batch, crcOut);
                case AES128_CFB -> b.aes128Cfb(CfbDirection.ENCRYPT, streams, batch);
                case AES_GCM -> b.gcmSeal(new GcmBatch(batch, keys, ivs, null, tags));
            }
        }

        /** Runs once from the pristine state and returns a snapshot of the result. */
        Object checkedRun(KernelBackend b) {
            reset();
            run(b);
            return switch (kernel) {
                case CRC32C, CRC32C_MASKED -> crcOut.clone();
                case AES128_CFB -> batch.data().clone();
                case AES_GCM -> new byte[][] {batch.data().clone(), tags.clone()};
            };
        }

        Object expected(KernelBackend jdk) {
            return checkedRun(jdk);
        }

        boolean same(Object a, Object b) {
            return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
        }
    }
}
