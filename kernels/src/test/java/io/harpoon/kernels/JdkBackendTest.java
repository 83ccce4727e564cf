package io.harpoon.kernels;

import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.jdk.JdkBackend;

/** The default CPU path against the vectors and, on random batches, against the reference. */
class JdkBackendTest extends KernelBackendContract {
    private final JdkBackend backend = new JdkBackend();

    @Override
    protected KernelBackend backend() {
        return backend;
    }

    @Override
    protected void assumeAvailable() {
    }
}
