package io.harpoon.benchmarks.kernels;

import io.harpoon.benchmarks.AbstractBenchmark;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.jdk.JdkBackend;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * AES-128-GCM seal of a batch on the {@code jdk} backend, to compare with spec/accelerators.md's CPU figures.
 *
 * <p>How to run: {@code java -jar benchmarks/target/benchmarks.jar AesGcmBenchmark}
 */
@State(Scope.Thread)
public class AesGcmBenchmark extends AbstractBenchmark {
    @Param({"64", "1024", "16384"})
    int size;

    @Param({"1", "64"})
    int batch;

    GcmBatch gcm;
    final JdkBackend jdk = new JdkBackend();

    @Setup
    public void setup() {
        Random r = new Random(3);
        byte[][] bufs = new byte[batch][size];
        byte[][] keys = new byte[batch][16];
        byte[][] ivs = new byte[batch][12];
        for (int i = 0; i < batch; i++) {
            r.nextBytes(bufs[i]);
            r.nextBytes(keys[i]);
            r.nextBytes(ivs[i]);
        }
        BatchBuffers data = BatchBuffers.pack(bufs);
        gcm = new GcmBatch(data, keys, ivs, null, new byte[batch * GcmBatch.TAG_BYTES]);
    }

    @Benchmark
    public byte[] jdkSeal() {
        jdk.gcmSeal(gcm);
        return gcm.tags();
    }
}
