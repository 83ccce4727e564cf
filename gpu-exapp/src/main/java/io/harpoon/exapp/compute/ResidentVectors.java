package io.harpoon.exapp.compute;

/**
 * One collection's vectors as a backend holds them: copied into device memory for OpenCL and CUDA, referenced in
 * place for the CPU. Kept between queries; closed (device memory freed) when the collection changes or goes away.
 */
public interface ResidentVectors extends AutoCloseable {

    int count();

    int dimension();

    /** Device memory held, in bytes (0 for the CPU backend). */
    long deviceBytes();

    /**
     * Top-k per query.
     *
     * @param queries row-major {@code nq * dimension()} floats; for cosine already normalised to unit length
     * @param nq number of queries
     * @param k results per query, 1..{@link ComputeBackend#MAX_K}
     * @param cosine multiply each score by the vector's inverse norm
     * @throws ComputeFailure when the device fails; nothing partial is returned
     */
    SearchHits[] search(float[] queries, int nq, int k, boolean cosine);

    @Override
    void close();
}
