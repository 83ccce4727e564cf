package io.harpoon.exapp.compute.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot product with the incubating Vector API: one fused multiply-add per lane, the lanes reduced once at the end.
 * Loaded by name only when {@code jdk.incubator.vector} is in the boot layer ({@code --add-modules}), so the class
 * never links on a JVM started without it.
 *
 * <p>The lanes are summed by a fixed halving tree of lane-wise adds, not {@code reduceLanes(ADD)}: the API lets a
 * float reduction's order vary, and the interpreter and C2 do differ (by an ulp or two), so the same row could score
 * differently before and after JIT compilation and break the ascending-id order of exact ties.
 */
final class VectorApiDot implements Dot {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** HALVES[j] moves lane i + (lanes >> (j + 1)) to lane i: the steps of the reduction tree. */
    private static final VectorShuffle<Float>[] HALVES = halves();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] halves() {
        int lanes = SPECIES.length();
        int steps = Integer.numberOfTrailingZeros(lanes);
        VectorShuffle<Float>[] out = new VectorShuffle[steps];
        for (int j = 0, h = lanes / 2; h >= 1; j++, h /= 2) {
            int half = h;
            out[j] = VectorShuffle.fromOp(SPECIES, i -> (i + half) % lanes);
        }
        return out;
    }

    /** Sum of all lanes in a fixed order: lane 0 after adding the upper half onto the lower, log2(lanes) times. */
    private static float sum(FloatVector v) {
        for (VectorShuffle<Float> s : HALVES) {
            v = v.add(v.rearrange(s));
        }
        return v.lane(0);
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int lanes = SPECIES.length();
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += lanes) {
            FloatVector x = FloatVector.fromArray(SPECIES, a, ao + i);
            FloatVector y = FloatVector.fromArray(SPECIES, b, bo + i);
            acc = x.fma(y, acc);
        }
        float s = sum(acc);
        for (; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    // Same per-query operation order as dot(): lane-wise FMA over the bound, the fixed tree, scalar tail.
    @Override
    public void dot4(float[] a, int ao, float[] b, int b0, int b1, int b2, int b3, int n, float[] out) {
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int lanes = SPECIES.length();
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += lanes) {
            FloatVector x = FloatVector.fromArray(SPECIES, a, ao + i);
            acc0 = x.fma(FloatVector.fromArray(SPECIES, b, b0 + i), acc0);
            acc1 = x.fma(FloatVector.fromArray(SPECIES, b, b1 + i), acc1);
            acc2 = x.fma(FloatVector.fromArray(SPECIES, b, b2 + i), acc2);
            acc3 = x.fma(FloatVector.fromArray(SPECIES, b, b3 + i), acc3);
        }
        float s0 = sum(acc0);
        float s1 = sum(acc1);
        float s2 = sum(acc2);
        float s3 = sum(acc3);
        for (; i < n; i++) {
            float x = a[ao + i];
            s0 += x * b[b0 + i];
            s1 += x * b[b1 + i];
            s2 += x * b[b2 + i];
            s3 += x * b[b3 + i];
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    @Override
    public String describe() {
        return "Vector API, " + SPECIES.vectorBitSize() + "-bit";
    }
}
