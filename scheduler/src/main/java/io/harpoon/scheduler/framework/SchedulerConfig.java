package io.harpoon.scheduler.framework;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tunables of the chain.
 *
 * <table>
 *   <caption>Limits and defaults</caption>
 *   <tr><th>Setting</th><th>Default</th><th>Range</th></tr>
 *   <tr><td>policy</td><td>{@link #DEFAULT_POLICY}</td><td>SPREAD, PACK</td></tr>
 *   <tr><td>top-K scores kept in explanations</td><td>{@link #DEFAULT_TOP_K}</td><td>1..{@link #MAX_TOP_K}</td></tr>
 *   <tr><td>weight per score plugin</td><td>1</td><td>0..{@link #MAX_WEIGHT}</td></tr>
 * </table>
 *
 * @param policy  spread or pack
 * @param topK    how many engine scores an explanation keeps
 * @param weights score plugin NAME to weight; absent = 1
 */
public record SchedulerConfig(Policy policy, int topK, Map<String, Integer> weights) {
    public static final Policy DEFAULT_POLICY = Policy.PACK;
    public static final int DEFAULT_TOP_K = 3;
    public static final int MAX_TOP_K = 100;
    public static final int MAX_WEIGHT = 100;
    public static final SchedulerConfig DEFAULTS = new SchedulerConfig(DEFAULT_POLICY, DEFAULT_TOP_K, Map.of());

    public SchedulerConfig {
        requireNonNull(policy, "policy");
        weights = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(weights, "weights")));
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("topK: " + topK + " (expected: 1.." + MAX_TOP_K + ")");
        }
        weights.forEach((k, v) -> {
            if (v < 0 || v > MAX_WEIGHT) {
                throw new IllegalArgumentException("weights." + k + ": " + v + " (expected: 0.." + MAX_WEIGHT + ")");
            }
        });
    }

    public int weight(String plugin) {
        return weights.getOrDefault(plugin, 1);
    }

    public SchedulerConfig withPolicy(Policy p) {
        return new SchedulerConfig(p, topK, weights);
    }
}
