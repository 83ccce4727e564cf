package io.harpoon.scheduler.framework;

import io.harpoon.scheduler.api.Workload;

/**
 * Ranks feasible engines. {@link #score} returns a raw value per engine; {@link #normalize} maps all raw values of
 * the cycle to 0..100 (higher is better) in place. The chain multiplies by the plugin's weight and sums.
 */
public interface Score extends Plugin {
    /** Top of the normalized range. */
    long MAX_SCORE = 100;

    long score(CycleState state, Workload workload, EngineState engine);

    /** Default: raw scores are already 0..100. */
    default void normalize(CycleState state, Workload workload, long[] scores) {
    }

    /** Optional remark for the explanation ("calibrating (2/5 samples)"); "" for none. */
    default String note(CycleState state, Workload workload, EngineState engine) {
        return "";
    }
}
