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

    @Override
    public String describe() {
        return "Vector API, " + SPECIES.vectorBitSize() + "-bit";
    }
}
