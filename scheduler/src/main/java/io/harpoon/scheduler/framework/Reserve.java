package io.harpoon.scheduler.framework;

import io.harpoon.scheduler.api.Workload;

/**
 * Runs on the chosen engine only: picks concrete devices (GPU ids, FPGA card) and writes them into the draft.
 * Filters have already proven a choice exists, so a failure here means a plugin bug or inconsistent input; the
 * chain then tries the next best engine.
 */
public interface Reserve extends Plugin {
    Status reserve(CycleState state, Workload workload, EngineState engine, ReservationDraft draft);
}
