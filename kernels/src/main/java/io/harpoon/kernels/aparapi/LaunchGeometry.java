package io.harpoon.kernels.aparapi;

/**
 * The 1-D range a batch of {@code count} work items is launched with: whole work groups of {@code local} items,
 * the last one padded; kernels skip ids {@code >= count}. Padding instead of choosing a local size that divides
 * {@code count} keeps groups full-sized for prime counts (a batch of 257 would otherwise run 257 groups of one).
 *
 * <pre>
 *   count = 257, local = 64  -&gt;  global = 320  (5 groups; ids 257..319 idle)
 *   count = 7,   local = 64  -&gt;  global = 64, local = 64
 * </pre>
 *
 * @param count work items that do work, &gt; 0
 * @param global launched work items, a multiple of {@code local}
 * @param local work-group size
 */
record LaunchGeometry(int count, int global, int local) {
    /** Work-group size used when the device allows it: a multiple of GPU warp/wavefront sizes (32, 64). */
    static final int PREFERRED_GROUP = 64;

    LaunchGeometry {
        if (count <= 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: > 0; empty batches launch nothing)");
        }
        if (local <= 0 || global < count || global % local != 0) {
            throw new IllegalArgumentException("global: " + global + ", local: " + local
                    + " (expected: global >= count = " + count + ", a multiple of local > 0)");
        }
    }

    /** Geometry for {@code count} items on a device whose work groups hold at most {@code maxGroup} items. */
    static LaunchGeometry of(int count, int maxGroup) {
        int local = Math.max(1, Math.min(PREFERRED_GROUP, maxGroup));
        long global = ((long) count + local - 1) / local * local;
        if (global > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("count: " + count + " (expected: <= " + (Integer.MAX_VALUE - local + 1) + ")");
        }
        return new LaunchGeometry(count, (int) global, local);
    }
}
