package io.harpoon.kernels.aparapi;

import io.harpoon.kernels.KernelBackendContract;
import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.testsupport.Requirements;

/** The aparapi backend against the contract, on the OpenCL device Aparapi picks (PoCL in CI). */
class AparapiBackendTest extends KernelBackendContract {
    static final AparapiBackend BACKEND = new AparapiBackend();

    @Override
    protected KernelBackend backend() {
        return BACKEND;
    }

    @Override
    protected void assumeAvailable() {
        Availability a = BACKEND.availability();
        Requirements.require("OpenCL (aparapi backend)", a.available(), a.cause());
    }
}
