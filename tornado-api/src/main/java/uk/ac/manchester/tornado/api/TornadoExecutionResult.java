package uk.ac.manchester.tornado.api;

/** Compile-only declaration of TornadoVM's {@code TornadoExecutionResult}, returned by an execution. */
public class TornadoExecutionResult {
    private static final String STUB = "compile-only TornadoVM declaration";

    protected TornadoExecutionResult() {
        throw new UnsupportedOperationException(STUB);
    }

    /** Whether every graph of the plan finished. */
    public boolean isFinished() {
        throw new UnsupportedOperationException(STUB);
    }

    /** Copies {@code objects} back to the host (for data declared {@code UNDER_DEMAND}). */
    public TornadoExecutionResult transferToHost(Object... objects) {
        throw new UnsupportedOperationException(STUB);
    }
}
