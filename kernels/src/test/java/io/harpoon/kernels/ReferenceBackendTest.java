package io.harpoon.kernels;

import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.reference.ReferenceBackend;

/** The reference against the published vectors (random tests compare it with itself, trivially). */
class ReferenceBackendTest extends KernelBackendContract {
    private final ReferenceBackend backend = new ReferenceBackend();

    @Override
    protected KernelBackend backend() {
        return backend;
    }

    @Override
    protected void assumeAvailable() {
    }
}
