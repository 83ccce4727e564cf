package io.harpoon.scheduler.model;

/**
 * Thread-safe recorder of measured run times; hands each scheduling cycle an immutable {@link PerfModel}.
 * Snapshots are copy-on-write, so recording is O(pairs) and reading is free; samples arrive at ExApp speed
 * (requests, inits), not at packet speed.
 */
public final class PerfHistory {
    private volatile PerfModel current;

    public PerfHistory() {
        this(PerfModel.EMPTY);
    }

    public PerfHistory(PerfModel initial) {
        this.current = initial;
    }

    public synchronized void record(String modelKey, String engineId, double seconds) {
        current = PerfModel.builder().from(current).sample(modelKey, engineId, seconds).build();
    }

    public synchronized void recordBandwidth(String engineId, long bytesPerSecond) {
        current = PerfModel.builder().from(current).bandwidth(engineId, bytesPerSecond).build();
    }

    public PerfModel snapshot() {
        return current;
    }
}
