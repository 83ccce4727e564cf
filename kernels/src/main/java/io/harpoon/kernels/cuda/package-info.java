/**
 * The {@code cuda} backend: the kernels in CUDA C ({@code kernels/harpoon_kernels.cu} on the class path, one thread
 * per buffer, stream or message, derived from {@code io.harpoon.kernels.reference}), compiled at run time by NVRTC
 * and launched through JCuda's driver API.
 *
 * <pre>
 *   CudaBackend --probe (daemon thread, timeout)--&gt; CudaContext.open()
 *        |                                           cudaGetDeviceCount -&gt; cuInit -&gt; NVRTC -&gt; module -&gt; self-test
 *        +--kernel call--&gt; CudaLaunches: pack, DeviceMemory (try-with-resources), launch, copy back
 * </pre>
 *
 * <p>Only {@link io.harpoon.kernels.cuda.CudaContext}, {@link io.harpoon.kernels.cuda.CudaLaunches} and
 * {@link io.harpoon.kernels.cuda.DeviceMemory} reference JCuda, and they are loaded only by the probe, so a machine
 * without the natives or a driver sees an unavailable backend with the cause, never a crash.
 */
package io.harpoon.kernels.cuda;
