package io.harpoon.exapp.compute.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot product with the incubating Vector API: one fused multiply-add per lane, the lanes reduced once at the end.
 * Loaded by name only when {@code jdk.incubator.vector} is in the boot layer ({@code --add-modules}), so the class
 * never links on a JVM started without it.
 */
final class VectorApiDot implements Dot {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

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
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    // Same per-query operation order as dot(): lane-wise FMA over the bound, one reduction, scalar tail.
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
        float s0 = acc0.reduceLanes(VectorOperators.ADD);
        float s1 = acc1.reduceLanes(VectorOperators.ADD);
        float s2 = acc2.reduceLanes(VectorOperators.ADD);
        float s3 = acc3.reduceLanes(VectorOperators.ADD);
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
