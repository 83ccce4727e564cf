package io.harpoon.kernels.jdk;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * In-place xor with the Vector API. Loaded only when {@code jdk.incubator.vector} is in the boot layer (see
 * {@link JdkCfb#VECTOR}): C2 does not auto-vectorise {@code data[i] ^= x[i]} because the two arrays may alias,
 * and that loop cost as much as the AES pass itself in CFB decryption.
 */
final class VectorXor {
    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_PREFERRED;

    private VectorXor() {
    }

    /** {@code data[pos..pos+n) ^= x[0..n)}; any n. */
    static void xor(byte[] data, int pos, byte[] x, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        for (; j < bound; j += S.length()) {
            ByteVector.fromArray(S, data, pos + j).lanewise(jdk.incubator.vector.VectorOperators.XOR,
                    ByteVector.fromArray(S, x, j)).intoArray(data, pos + j);
        }
        for (; j < n; j++) {
            data[pos + j] ^= x[j];
        }
    }
}
