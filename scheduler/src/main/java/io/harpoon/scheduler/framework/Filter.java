package io.harpoon.scheduler.framework;

import io.harpoon.scheduler.api.Workload;

/** Answers "can this engine take the workload?" with every failing reason and its numbers. */
public interface Filter extends Plugin {
    Status filter(CycleState state, Workload workload, EngineState engine);
}
