package io.harpoon.kernels.jdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.testsupport.SeededRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Both xor paths of the CFB decrypt (Vector API and scalar) against a byte loop, at odd offsets and lengths. */
@ExtendWith(SeededRandom.class)
class JdkCfbXorTest {

    @Test
    void vectorApiIsLoadedInTestsAsByTheLauncher() {
        assertTrue(JdkCfb.VECTOR, "surefire passes --add-modules jdk.incubator.vector, as ./harpoon does");
    }

    @Test
    void vectorAndScalarXorMatchAByteLoop(Random rnd) {
        for (int n : new int[] {0, 8, 16, 24, 32, 48, 64, 72, 200, 4096, 16384, 65536}) {
            for (int pos : new int[] {0, 1, 7, 16, 33}) {
                byte[] data = new byte[pos + n + 5];
                byte[] x = new byte[n];
                rnd.nextBytes(data);
                rnd.nextBytes(x);
                byte[] want = data.clone();
                for (int j = 0; j < n; j++) {
                    want[pos + j] ^= x[j];
                }
                byte[] v = data.clone();
                VectorXor.xor(v, pos, x, n);
                assertArrayEquals(want, v, "vector n=" + n + " pos=" + pos);
                if (n % 8 == 0) {
                    byte[] s = data.clone();
                    JdkCfb.xorScalar(s, pos, x, n);
                    assertArrayEquals(want, s, "scalar n=" + n + " pos=" + pos);
                }
            }
        }
    }
}
