package io.harpoon.exapp.compute;

/**
 * One place similarity search can run. Implementations are thin adapters, one package each; probing never throws
 * and never crashes the JVM on a missing driver, it yields {@link ComputeAvailability#unavailable}.
 *
 * <p>Every backend ranks by the same order as {@link TopK}: descending score, then ascending id.
 */
public interface ComputeBackend extends AutoCloseable {
    /** Largest k any backend accepts (the device kernels size their private top-k lists by it). */
    int MAX_K = 256;

    ComputeKind kind();

    /** Probes once (cached); never throws. */
    ComputeAvailability availability();

    /**
     * Copies the snapshot to where searches run.
     *
     * @throws ComputeFailure when the backend is unavailable or the device rejects the upload
     */
    ResidentVectors upload(VectorSnapshot snapshot);

    /** Releases device contexts; resident vectors must be closed first. */
    @Override
    default void close() {
    }
}
