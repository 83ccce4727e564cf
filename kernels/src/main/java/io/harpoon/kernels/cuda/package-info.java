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
 */
package io.harpoon.kernels.cuda;
