package io.harpoon.exapp.compute.cpu;

/** Float dot product of {@code a[ao..ao+n)} and {@code b[bo..bo+n)}; the order of additions is fixed per class. */
interface Dot {

    float dot(float[] a, int ao, float[] b, int bo, int n);

    /** What runs, for {@code /v1/info} ("scalar, 8 accumulators" or "Vector API, 512-bit"). */
    String describe();
}
