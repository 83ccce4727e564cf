package io.harpoon.exapp.cli;

import io.harpoon.exapp.compute.ComputeAvailability;
import io.harpoon.exapp.compute.ComputeBackend;
import io.harpoon.exapp.compute.ComputeKind;
import io.harpoon.exapp.compute.ResidentVectors;
import io.harpoon.exapp.compute.SearchHits;
import io.harpoon.exapp.compute.VectorSnapshot;
import io.harpoon.exapp.compute.cpu.CpuBackend;
import io.harpoon.exapp.compute.cuda.CudaBackend;
import io.harpoon.exapp.compute.opencl.OpenClBackend;
import io.harpoon.exapp.compute.tornado.TornadoProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code harpoon exapp bench}: queries/s and latency percentiles of brute-force top-k per backend, on random data
 * already resident on the device (upload time reported apart). Each device's first batch is compared with the CPU
 * backend's answer; a disagreement beyond float ties marks the row {@code MISMATCH} and the exit code 4.
 *
 * <h2>How to run</h2>
 * <pre>
 *   java --add-modules jdk.incubator.vector -Xmx8g -cp ... io.harpoon.exapp.cli.ExAppCommand bench \
 *     --vectors 1000000 --dim 384 --batch 1,64 --k 10 --seconds 10 --backends cpu,opencl,cuda
 * </pre>
 * (scripts/gpu-check.sh runs it on a GPU machine.) Numbers are wall-clock per batch, host to host, one caller.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure vector search (queries/s, p50, p99) per backend on random resident data.")
public final class SearchBenchCommand implements Callable<Integer> {
    @Option(names = "--vectors", defaultValue = "1000000", description = "Collection size (default ${DEFAULT-VALUE}).")
    int vectors;
    @Option(names = "--dim", defaultValue = "384", description = "Dimension (default ${DEFAULT-VALUE}).")
    int dim;
    @Option(names = "--batch", split = ",", defaultValue = "1,64", description = "Queries per call (default ${DEFAULT-VALUE}).")
    List<Integer> batches;
    @Option(names = "--k", defaultValue = "10", description = "Top-k (default ${DEFAULT-VALUE}).")
    int k;
    @Option(names = "--metric", defaultValue = "cosine", description = "cosine or inner_product.")
    String metric;
    @Option(names = "--seconds", defaultValue = "5", description = "Measured time per backend and batch.")
    double seconds;
    @Option(names = "--min-calls", defaultValue = "5", description = "Measured calls at least, even past --seconds.")
    int minCalls;
    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured calls per backend and batch.")
    int warmup;
    @Option(names = "--backends", split = ",", defaultValue = "cpu,opencl,cuda,tornado", description = "Backends to try.")
    List<String> backends;
    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() {
        boolean cosine = !"inner_product".equals(metric);
        System.out.printf("data: %d x %d float32 (%.2f GiB), k=%d, %s, seed %d%n", vectors, dim,
                (double) vectors * dim * 4 / (1L << 30), k, cosine ? "cosine" : "inner_product", seed);
        VectorSnapshot data = random(new Random(seed), vectors, dim);
        int maxBatch = batches.stream().mapToInt(Integer::intValue).max().orElse(1);
        float[] queries = new float[maxBatch * 16 * dim];
        Random r = new Random(seed + 1);
        for (int i = 0; i < queries.length; i++) {
            queries[i] = r.nextFloat() * 2 - 1;
        }
        normalise(queries, dim);
        SearchHits[] expected = null;
        List<String> rows = new ArrayList<>();
        int exit = 0;
        for (String name : backends) {
            ComputeKind kind = ComputeKind.parse(name);
            ComputeBackend b = create(kind);
            ComputeAvailability a = b.availability();
            if (!a.available()) {
                rows.add(String.format("%-8s %-44s unavailable: %s", kind.wireName(), "", a.cause()));
                b.close();
                continue;
            }
            long t0 = System.nanoTime();
            try (ResidentVectors res = b.upload(data)) {
                double upload = (System.nanoTime() - t0) / 1e9;
                SearchHits[] first = res.search(queries, maxBatch, k, cosine);
                String check = "ok";
                if (expected == null) {
                    expected = first;
                    check = "reference";
                } else if (!agree(expected, first)) {
                    check = "MISMATCH";
                    exit = 4;
                }
                for (int batch : batches) {
                    double[] lat = measure(res, queries, batch, cosine);
                    double total = Arrays.stream(lat).sum();
                    rows.add(String.format("%-8s %-44s %6d %10.1f %9.3f %9.3f %9.3f %8.2f  %s", kind.wireName(),
                            trim(a.device(), 44), batch, batch * lat.length / total, pct(lat, 50) * 1e3,
                            pct(lat, 99) * 1e3, res.deviceBytes() / (double) (1L << 20), upload, check));
                }
            } catch (RuntimeException e) {
                rows.add(String.format("%-8s %-44s failed: %s", kind.wireName(), trim(a.device(), 44), e));
                exit = 4;
            } finally {
                b.close();
            }
        }
        System.out.printf("%-8s %-44s %6s %10s %9s %9s %9s %8s  %s%n", "backend", "device", "batch", "queries/s",
                "p50 ms", "p99 ms", "dev MiB", "upload s", "check");
        rows.forEach(System.out::println);
        return exit;
    }

    private double[] measure(ResidentVectors res, float[] queries, int batch, boolean cosine) {
        int slots = queries.length / dim / batch;
        for (int w = 0; w < warmup; w++) {
            res.search(slice(queries, w % slots, batch), batch, k, cosine);
        }
        List<Double> lat = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int i = 0;
        while (System.nanoTime() < end || lat.size() < minCalls) {
            float[] q = slice(queries, i++ % slots, batch);
            long t = System.nanoTime();
            res.search(q, batch, k, cosine);
            lat.add((System.nanoTime() - t) / 1e9);
        }
        return lat.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private float[] slice(float[] queries, int slot, int batch) {
        return Arrays.copyOfRange(queries, slot * batch * dim, (slot + 1) * batch * dim);
    }

    private static double pct(double[] lat, int p) {
        double[] s = lat.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    /** Same ids per query, except where the boundary score ties within float rounding (1e-4). */
    static boolean agree(SearchHits[] a, SearchHits[] b) {
        for (int q = 0; q < a.length; q++) {
            Set<Long> x = new HashSet<>();
            for (long id : a[q].ids()) {
                x.add(id);
            }
            float kth = a[q].scores()[a[q].size() - 1];
            for (int j = 0; j < b[q].size(); j++) {
                if (!x.contains(b[q].ids()[j]) && Math.abs(b[q].scores()[j] - kth) > 1e-4f) {
                    return false;
                }
            }
        }
        return true;
    }

    private static ComputeBackend create(ComputeKind kind) {
        return switch (kind) {
            case CPU -> new CpuBackend();
            case OPENCL -> new OpenClBackend();
            case CUDA -> new CudaBackend();
            case TORNADO -> new TornadoProbe();
        };
    }

    static VectorSnapshot random(Random rnd, int n, int dim) {
        float[] data = new float[Math.multiplyExact(n, dim)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextFloat() * 2 - 1;
        }
        long[] ids = new long[n];
        float[] inv = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            double s = 0;
            for (int d = 0; d < dim; d++) {
                s += (double) data[i * dim + d] * data[i * dim + d];
            }
            inv[i] = s == 0 ? 0 : (float) (1 / Math.sqrt(s));
        }
        return new VectorSnapshot(dim, n, data, ids, inv);
    }

    private static void normalise(float[] q, int dim) {
        for (int o = 0; o < q.length; o += dim) {
            double s = 0;
            for (int d = 0; d < dim; d++) {
                s += (double) q[o + d] * q[o + d];
            }
            double inv = s == 0 ? 0 : 1 / Math.sqrt(s);
            for (int d = 0; d < dim; d++) {
                q[o + d] = (float) (q[o + d] * inv);
            }
        }
    }

    private static String trim(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
