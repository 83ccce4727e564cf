/**
 * Where similarity search runs: the {@link io.harpoon.exapp.compute.ComputeBackend} interface, the shared top-k
 * order ({@link io.harpoon.exapp.compute.TopK}: score descending, ties by ascending id), the device kernels' text and
 * launch geometry, and the choice of backend from {@code COMPUTE_DEVICE}. One package per adapter ({@code cpu},
 * {@code opencl}, {@code cuda}, {@code tornado}), each optional at runtime and probed with a recorded cause.
 *
 * <p>Owns no HTTP and no persistence; {@code vectors} calls in, never the other way round.
 */
package io.harpoon.exapp.compute;
