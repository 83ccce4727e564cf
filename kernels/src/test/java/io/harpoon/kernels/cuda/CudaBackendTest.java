package io.harpoon.kernels.cuda;

import io.harpoon.kernels.KernelBackendContract;
import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.testsupport.Requirements;
import org.junit.jupiter.api.Tag;

/**
 * The cuda backend on a real CUDA device against the contract (known answers, random batches compared with the
 * reference). Runs only where a CUDA driver, device and NVRTC are present; elsewhere every test is skipped with
 * the probe's cause.
 */
@Tag("gpu")
class CudaBackendTest extends KernelBackendContract {
    private static final CudaBackend BACKEND = new CudaBackend();

    @Override
    protected KernelBackend backend() {
        return BACKEND;
    }

    @Override
    protected void assumeAvailable() {
        Availability a = BACKEND.availability();
        Requirements.requireDevice("CUDA", a.available(), a.cause());
    }
}
