package io.harpoon.exapp.compute.cpu;

/** Float dot product of {@code a[ao..ao+n)} and {@code b[bo..bo+n)}; the order of additions is fixed per class. */
interface Dot {

    float dot(float[] a, int ao, float[] b, int bo, int n);

    /**
     * Four dot products of one row {@code a[ao..]} with {@code b} at offsets {@code b0..b3}, into {@code out[0..3]}.
     * Batched search calls this so each row is loaded once per four queries; each result equals {@link #dot}'s.
     */
    default void dot4(float[] a, int ao, float[] b, int b0, int b1, int b2, int b3, int n, float[] out) {
        out[0] = dot(a, ao, b, b0, n);
        out[1] = dot(a, ao, b, b1, n);
        out[2] = dot(a, ao, b, b2, n);
        out[3] = dot(a, ao, b, b3, n);
    }

    /** What runs, for {@code /v1/info} ("scalar, 8 accumulators" or "Vector API, 512-bit"). */
    String describe();
}
