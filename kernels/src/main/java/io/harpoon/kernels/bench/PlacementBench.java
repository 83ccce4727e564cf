package io.harpoon.kernels.bench;

import java.nio.file.Path;

/** Placeholder until the harness lands (same issue). */
public final class PlacementBench {
    private PlacementBench() {
    }

    public static int run(boolean quick, Path out) {
        System.err.println("bench: not implemented yet");
        return 1;
    }
}
