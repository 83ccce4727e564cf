package io.harpoon.exapp.vectors;

import io.harpoon.exapp.compute.ComputeBackend;
import java.util.regex.Pattern;

/**
 * Every limit of the vector API in one place.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>constant</th><th>value</th><th>why</th></tr>
 *   <tr><td>{@link #MAX_DIMENSION}</td><td>4096</td><td>embedding models stop well below; bounds one row</td></tr>
 *   <tr><td>{@link #MAX_K}</td><td>{@value io.harpoon.exapp.compute.ComputeBackend#MAX_K}</td><td>device
 *       kernels keep private top-k lists of this size</td></tr>
 *   <tr><td>{@link #MAX_QUERIES}</td><td>1024</td><td>queries per search request</td></tr>
 *   <tr><td>{@link #MAX_COLLECTIONS}</td><td>1000</td><td>open files and device contexts stay bounded</td></tr>
 *   <tr><td>{@link #MAX_FLOATS}</td><td>2^31 - 16</td><td>one Java float array holds a collection</td></tr>
 *   <tr><td>{@link #NAME}</td><td>{@code [a-z0-9][a-z0-9_-]{0,63}}</td><td>names become file names</td></tr>
 * </table>
 */
public final class VectorLimits {
    public static final int MAX_DIMENSION = 4096;
    public static final int MAX_K = ComputeBackend.MAX_K;
    public static final int MAX_QUERIES = 1024;
    public static final int MAX_COLLECTIONS = 1000;
    public static final long MAX_FLOATS = Integer.MAX_VALUE - 16L;
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private VectorLimits() {
    }

    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: " + name + " (expected: " + NAME.pattern() + ")");
        }
        return name;
    }

    public static int checkDimension(int dimension) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension: " + dimension + " (expected: 1.." + MAX_DIMENSION + ")");
        }
        return dimension;
    }
}
