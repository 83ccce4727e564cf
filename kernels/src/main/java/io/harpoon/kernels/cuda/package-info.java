/**
 * The {@code cuda} backend: the kernels in CUDA C ({@code kernels/harpoon_kernels.cu} on the class path, one thread
 * per buffer, stream or message, derived from {@code io.harpoon.kernels.reference}), compiled at run time by NVRTC
 * and launched through JCuda's driver API.
 *
 * <pre>
 *   CudaBackend --probe (daemon thread, timeout)--&gt; CudaContext.connect()
 *        |                                           cudaGetDeviceCount -&gt; cuInit -&gt; NVRTC -&gt; module -&gt; self-test
 *        +--kernel call--&gt; CudaLaunches: pack, LaunchTarget.Session (DeviceMemory, try-with-resources),
 *                           launch by entry-point name, copy back
 * </pre>
 *
 * <p>Only {@link io.harpoon.kernels.cuda.CudaContext} and {@link io.harpoon.kernels.cuda.DeviceMemory} reference
 * JCuda, and they are loaded only by the probe, so a machine
 * without the natives or a driver sees an unavailable backend with the cause, never a crash.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>constant</th><th>value</th><th>why</th></tr>
 *   <tr><td>{@code CudaKernelSource.BLOCK_THREADS}</td><td>128</td><td>threads per block; one thread per item, so the
 *       grid is {@code ceil(items / 128)} blocks</td></tr>
 *   <tr><td>{@code CudaKernelSource.KEY_STRIDE}</td><td>60 words</td><td>round keys per item (AES-256's 15 round
 *       keys); the same in the source</td></tr>
 *   <tr><td>{@code CudaBackend.PROBE_TIMEOUT}</td><td>60 s</td><td>driver start, NVRTC compile, one launch</td></tr>
 * </table>
 */
package io.harpoon.kernels.cuda;
