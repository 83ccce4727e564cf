package io.harpoon.scheduler.api;

/**
 * Outcome of one plugin on one engine. {@link #FILTERED} and {@link #EXHAUSTED} are kept apart on purpose (Nomad):
 * a filtered engine can never run the workload as configured (no cuda device, missing label, incompatible
 * bitstream), an exhausted one could, given more free capacity (VRAM, RAM, cores).
 */
public enum Code {
    SUCCESS,
    /** Needs relabelling or different hardware. */
    FILTERED,
    /** Needs capacity to be freed or added. */
    EXHAUSTED,
    /** The workload itself cannot be scheduled anywhere (invalid request); reported by PreFilter. */
    INVALID;

    /** The worse of two codes: INVALID over FILTERED over EXHAUSTED over SUCCESS. */
    public Code worse(Code other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case SUCCESS -> 0;
            case EXHAUSTED -> 1;
            case FILTERED -> 2;
            case INVALID -> 3;
        };
    }
}
