package io.harpoon.scheduler.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Immutable performance history per (model key x engine): run time samples folded into count, mean and variance
 * (Welford), plus the measured host-to-device bandwidth per engine. One scheduling cycle reads one snapshot;
 * {@link PerfHistory} records new samples and hands out snapshots.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>Constant</th><th>Value</th><th>Why</th></tr>
 *   <tr><td>{@link #MIN_SAMPLES}</td><td>5</td><td>below this a mean is noise; the model says CALIBRATING</td></tr>
 *   <tr><td>{@link #DEFAULT_H2D_BYTES_PER_SECOND}</td><td>12 GiB/s</td><td>PCIe 3.0 x16 effective rate, used
 *       until an engine reports its own</td></tr>
 * </table>
 */
public final class PerfModel {
    public static final int MIN_SAMPLES = 5;
    public static final long DEFAULT_H2D_BYTES_PER_SECOND = 12L * 1024 * 1024 * 1024;
    public static final PerfModel EMPTY = new PerfModel(Map.of(), Map.of(), MIN_SAMPLES);

    /** Running statistics of one (model key, engine) pair. */
    public record Stats(int count, double mean, double m2) {
        public static final Stats NONE = new Stats(0, 0, 0);

        Stats add(double x) {
            int n = count + 1;
            double delta = x - mean;
            double newMean = mean + delta / n;
            return new Stats(n, newMean, m2 + delta * (x - newMean));
        }

        public double stddev() {
            return count < 2 ? 0 : Math.sqrt(m2 / (count - 1));
        }
    }

    private final Map<String, Stats> stats;
    private final Map<String, Long> bandwidth;
    private final int minSamples;

    PerfModel(Map<String, Stats> stats, Map<String, Long> bandwidth, int minSamples) {
        this.stats = Collections.unmodifiableMap(new TreeMap<>(stats));
        this.bandwidth = Collections.unmodifiableMap(new TreeMap<>(bandwidth));
        this.minSamples = minSamples;
    }

    static String key(String modelKey, String engineId) {
        // NUL cannot occur in an app id or engine name, so no two pairs share a key.
        return modelKey + '\u0000' + engineId;
    }

    /** Predicted run time of {@code modelKey} on {@code engineId}. */
    public Prediction predict(String modelKey, String engineId) {
        requireNonNull(modelKey, "modelKey");
        requireNonNull(engineId, "engineId");
        Stats s = stats.get(key(modelKey, engineId));
        if (s == null || s.count() == 0) {
            return Prediction.NO_MODEL;
        }
        if (s.count() < minSamples) {
            return new Prediction.Calibrating(s.count(), minSamples);
        }
        return new Prediction.Modelled(s.mean(), s.stddev(), s.count());
    }

    /** Host-to-device bytes per second measured on the engine, or the default. */
    public long hostToDeviceBytesPerSecond(String engineId) {
        return bandwidth.getOrDefault(engineId, DEFAULT_H2D_BYTES_PER_SECOND);
    }

    public int minSamples() {
        return minSamples;
    }

    Map<String, Stats> stats() {
        return stats;
    }

    Map<String, Long> bandwidth() {
        return bandwidth;
    }

    /** Builder for tests and fixtures: {@code PerfModel.builder().sample("llm2", "e1", 4.0).build()}. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Stats> stats = new TreeMap<>();
        private final Map<String, Long> bandwidth = new TreeMap<>();
        private int minSamples = MIN_SAMPLES;

        public Builder sample(String modelKey, String engineId, double seconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("seconds: " + seconds + " (expected: finite, >= 0)");
            }
            stats.merge(key(modelKey, engineId), Stats.NONE.add(seconds), (old, one) -> old.add(seconds));
            return this;
        }

        public Builder bandwidth(String engineId, long bytesPerSecond) {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("bytesPerSecond: " + bytesPerSecond + " (expected: > 0)");
            }
            bandwidth.put(engineId, bytesPerSecond);
            return this;
        }

        public Builder minSamples(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("minSamples: " + n + " (expected: >= 1)");
            }
            this.minSamples = n;
            return this;
        }

        Builder from(PerfModel m) {
            stats.putAll(m.stats());
            bandwidth.putAll(m.bandwidth());
            minSamples = m.minSamples();
            return this;
        }

        public PerfModel build() {
            return new PerfModel(stats, bandwidth, minSamples);
        }
    }
}
