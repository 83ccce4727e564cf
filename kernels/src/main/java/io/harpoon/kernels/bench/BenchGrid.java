package io.harpoon.kernels.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The shapes the placement benchmark measures, and how long it measures each.
 *
 * <table>
 *   <caption>Grids</caption>
 *   <tr><th>grid</th><th>buffer sizes</th><th>batches</th><th>max batch bytes</th><th>time per point</th></tr>
 *   <tr><td>quick</td><td>64 B, 1 KiB, 16 KiB, 1 MiB</td><td>1, 64, 4096</td><td>4 MiB</td><td>~40 ms</td></tr>
 *   <tr><td>full</td><td>64 B, 256 B, 1, 4, 16, 64, 256 KiB, 1 MiB</td><td>1, 4, 16, 64, 256, 1024, 4096</td>
 *       <td>64 MiB</td><td>~250 ms</td></tr>
 * </table>
 *
 * <p>Batches beyond the byte cap are not measured (4096 x 1 MiB would be 4 GiB of heap).
 *
 * @param sizes bytes per buffer
 * @param batches buffers per batch
 * @param maxBatchBytes shapes above this total are skipped
 * @param targetNanos time spent timing one point (after warm-up)
 * @param warmupNanos time spent warming one point
 */
public record BenchGrid(int[] sizes, int[] batches, long maxBatchBytes, long targetNanos, long warmupNanos) {

    public static BenchGrid quick() {
        return new BenchGrid(new int[] {64, 1024, 16 * 1024, 1024 * 1024}, new int[] {1, 64, 4096}, 4L << 20,
                40_000_000L, 25_000_000L);
    }

    public static BenchGrid full() {
        return new BenchGrid(new int[] {64, 256, 1024, 4096, 16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024},
                new int[] {1, 4, 16, 64, 256, 1024, 4096}, 64L << 20, 250_000_000L, 150_000_000L);
    }

    /** Every (size, batch) pair within the byte cap, smallest first. */
    public List<int[]> shapes() {
        List<int[]> out = new ArrayList<>();
        for (int s : sizes) {
            for (int b : batches) {
                if ((long) s * b <= maxBatchBytes) {
                    out.add(new int[] {s, b});
                }
            }
        }
        return out;
    }
}
