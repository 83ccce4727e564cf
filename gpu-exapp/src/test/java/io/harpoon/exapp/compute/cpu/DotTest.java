package io.harpoon.exapp.compute.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.testsupport.Requirements;
import io.harpoon.testsupport.SeededRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The four-query kernel gives bit-identical results to the single one, so batching never changes a ranking. */
@ExtendWith(SeededRandom.class)
class DotTest {

    private static void check(Dot dot, Random rnd) {
        for (int n : new int[] {1, 7, 16, 37, 384, 385}) {
            float[] a = new float[n + 3];
            float[] b = new float[5 * n + 11];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextFloat() * 2 - 1;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextFloat() * 2 - 1;
            }
            int[] off = {1, n + 2, 2 * n + 5, 4 * n + 9};
            float[] out = new float[4];
            dot.dot4(a, 3, b, off[0], off[1], off[2], off[3], n, out);
            double ref = 0;
            for (int t = 0; t < 4; t++) {
                assertEquals(Float.floatToIntBits(dot.dot(a, 3, b, off[t], n)), Float.floatToIntBits(out[t]),
                        dot.describe() + " n=" + n + " query " + t);
            }
            for (int i = 0; i < n; i++) {
                ref += (double) a[3 + i] * b[off[0] + i];
            }
            assertEquals(ref, out[0], 1e-4 * n);
        }
    }

    @Test
    void scalar(Random rnd) {
        check(new ScalarDot(), rnd);
    }

    @Test
    void vectorApi(Random rnd) {
        Requirements.require("jdk.incubator.vector", CpuBackend.vectorApiLoaded(), "surefire must load it");
        check(new VectorApiDot(), rnd);
    }

    /** Same inputs, same bits, from the first (interpreted) call to JIT-compiled ones: exact ties stay exact. */
    @Test
    void vectorApiIsStableAcrossJitTiers(Random rnd) {
        Requirements.require("jdk.incubator.vector", CpuBackend.vectorApiLoaded(), "surefire must load it");
        Dot dot = new VectorApiDot();
        float[] a = new float[384];
        float[] b = new float[384];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() * 2 - 1;
            b[i] = rnd.nextFloat() * 2 - 1;
        }
        int first = Float.floatToIntBits(dot.dot(a, 0, b, 0, 384));
        float[] out = new float[4];
        for (int round = 0; round < 200_000; round++) {
            int bits = Float.floatToIntBits(dot.dot(a, 0, b, 0, 384));
            if (bits != first) {
                throw new AssertionError("call " + round + " gave " + bits + " (expected: " + first + ")");
            }
            if (round % 1000 == 0) {
                dot.dot4(a, 0, b, 0, 0, 0, 0, 384, out);
                assertEquals(first, Float.floatToIntBits(out[3]), "dot4 at call " + round);
            }
        }
    }
}
