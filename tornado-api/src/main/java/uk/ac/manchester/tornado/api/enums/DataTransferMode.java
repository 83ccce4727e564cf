package uk.ac.manchester.tornado.api.enums;

/**
 * Compile-only declaration of TornadoVM's {@code DataTransferMode}. The values are compile-time constants that
 * javac inlines into callers, so they must equal TornadoVM's (1.x): 0, 1, 2.
 */
public final class DataTransferMode {
    /** Copy only on the first execution of the graph (read-only data such as tables). */
    public static final int FIRST_EXECUTION = 0;
    /** Copy on every execution. */
    public static final int EVERY_EXECUTION = 1;
    /** Copy back only when the program asks ({@code TornadoExecutionResult.transferToHost}). */
    public static final int UNDER_DEMAND = 2;

    private DataTransferMode() {
    }
}
