package io.harpoon.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Shared JMH settings: throughput in operations per second, one fork with the flags the launcher uses,
 * warm-up long enough for crypto intrinsics (spec/accelerators.md: small-buffer crypto needs seconds of warm-up).
 *
 * <p>How to run (all benchmarks, JSON out):
 * <pre>
 *   mvn -q -pl benchmarks -am package -DskipTests
 *   java -jar benchmarks/target/benchmarks.jar -rf json -rff jmh.json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class AbstractBenchmark {
}
