package io.harpoon.scheduler.framework;

import io.harpoon.scheduler.api.Workload;

/** Runs once per cycle before any engine is looked at: computes the request into the {@link CycleState}. */
public interface PreFilter extends Plugin {
    /** SUCCESS, or INVALID when no engine could ever take the workload as requested. */
    Status preFilter(CycleState state, Workload workload);
}
