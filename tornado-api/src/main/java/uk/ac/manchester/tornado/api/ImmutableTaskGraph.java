package uk.ac.manchester.tornado.api;

/**
 * Compile-only declaration of TornadoVM's {@code ImmutableTaskGraph}: the frozen form of a {@link TaskGraph}
 * ({@link TaskGraph#snapshot()}), the unit an execution plan runs. Only the runtime creates instances.
 */
public final class ImmutableTaskGraph {
    private ImmutableTaskGraph() {
        throw new UnsupportedOperationException("compile-only TornadoVM declaration");
    }
}
