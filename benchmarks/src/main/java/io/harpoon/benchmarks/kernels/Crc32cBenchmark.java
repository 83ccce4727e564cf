package io.harpoon.benchmarks.kernels;

import io.harpoon.benchmarks.AbstractBenchmark;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.jdk.JdkBackend;
import io.harpoon.kernels.reference.ReferenceBackend;
import io.harpoon.kernels.select.BackendChain;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * CRC-32C over a batch: the bare {@code java.util.zip.CRC32C} loop (baseline), the {@code jdk} backend (target:
 * at least 0.9x the baseline), the reference, and the aparapi backend when OpenCL is present. One operation is
 * one whole batch; multiply by {@code size * batch} for bytes per second.
 *
 * <p>How to run: {@code java -jar benchmarks/target/benchmarks.jar Crc32cBenchmark -p size=1024,16384 -p batch=64}
 */
@State(Scope.Thread)
public class Crc32cBenchmark extends AbstractBenchmark {
    @Param({"64", "1024", "16384", "1048576"})
    int size;

    @Param({"1", "64"})
    int batch;

    BatchBuffers in;
    int[] out;
    final CRC32C bare = new CRC32C();
    final JdkBackend jdk = new JdkBackend();
    final ReferenceBackend reference = new ReferenceBackend();
    BackendChain aparapi;

    @Setup
    public void setup() {
        byte[][] bufs = new byte[batch][size];
        Random r = new Random(1);
        for (byte[] b : bufs) {
            r.nextBytes(b);
        }
        in = BatchBuffers.pack(bufs);
        out = new int[batch];
        aparapi = BackendChain.only(Backend.APARAPI);
    }

    @Benchmark
    public int[] bareJdkCrc32cLoop() {
        for (int i = 0; i < batch; i++) {
            bare.reset();
            bare.update(in.data(), in.offsets()[i], in.lengths()[i]);
            out[i] = (int) bare.getValue();
        }
        return out;
    }

    @Benchmark
    public int[] jdkBackend() {
        jdk.crc32c(in, out);
        return out;
    }

    @Benchmark
    public int[] referenceBackend() {
        reference.crc32c(in, out);
        return out;
    }

    @Benchmark
    public int[] aparapiBackend() {
        aparapi.crc32c(in, out); // throws (fails the run) when OpenCL is absent: no silent CPU figure
        return out;
    }

    @TearDown
    public void validate() {
        int[] want = new int[batch];
        int[] got = new int[batch];
        reference.crc32c(in, want);
        jdk.crc32c(in, got);
        if (!Arrays.equals(want, got)) {
            throw new IllegalStateException("jdk crc32c disagrees with the reference");
        }
    }
}
