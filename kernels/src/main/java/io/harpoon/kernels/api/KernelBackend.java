package io.harpoon.kernels.api;

/**
 * One place kernels can run. Implementations are thin adapters (one package each) over the reference methods
 * in {@code io.harpoon.kernels.reference}; they must produce exactly the reference's bytes.
 *
 * <p>Contract for every kernel method:
 * <ul>
 *   <li>inputs are validated before any work; bad input throws {@link IllegalArgumentException} naming the field;</li>
 *   <li>a backend that cannot run the kernel throws {@link BackendFailure} and leaves outputs unspecified (the caller
 *       must not use them); it never returns partial output as success and never silently runs somewhere else;</li>
 *   <li>{@link CfbStream}s are advanced only when the call succeeds.</li>
 * </ul>
 */
public interface KernelBackend {

    Backend id();

    /** Probes the backend once (cached); never throws, never hangs on a missing driver. */
    Availability availability();

    /** Whether this backend implements the kernel at all (independent of availability). */
    boolean supports(KernelId kernel);

    /** {@code out[i] = crc32c(buffer i)}. */
    void crc32c(BatchBuffers in, int[] out);

    /** {@code out[i] = mask(crc32c(buffer i))}, the snappy framing checksum. */
    void crc32cMasked(BatchBuffers in, int[] out);

    /** Transforms buffer {@code i} in place with {@code streams[i]}, advancing each stream. */
    void aes128Cfb(CfbDirection direction, CfbStream[] streams, BatchBuffers data);

    /** Encrypts each message in place and writes its tag. */
    void gcmSeal(GcmBatch batch);

    /**
     * Verifies each tag and decrypts in place; {@code result[i]} is false (and buffer i zero-filled) when
     * message i's tag does not verify.
     */
    boolean[] gcmOpen(GcmBatch batch);
}
