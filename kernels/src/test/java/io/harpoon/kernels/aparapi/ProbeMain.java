package io.harpoon.kernels.aparapi;

import io.harpoon.kernels.api.BatchBuffers;

/**
 * Child-JVM entry point for {@link AparapiUnavailableTest}: probes the backend and tries a batch, printing one
 * {@code RESULT} line per step, so the parent can check that a JVM without OpenCL neither crashes nor hangs.
 */
public final class ProbeMain {
    private ProbeMain() {
    }

    public static void main(String[] args) {
        AparapiBackend b = new AparapiBackend();
        System.out.println("RESULT availability " + b.availability());
        try {
            b.crc32c(null, new int[1]);
            System.out.println("RESULT null-batch no exception");
        } catch (RuntimeException e) {
            System.out.println("RESULT null-batch " + e.getClass().getSimpleName());
        }
        try {
            b.crc32c(BatchBuffers.pack(new byte[3]), new int[1]);
            System.out.println("RESULT crc no exception");
        } catch (RuntimeException e) {
            System.out.println("RESULT crc " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
