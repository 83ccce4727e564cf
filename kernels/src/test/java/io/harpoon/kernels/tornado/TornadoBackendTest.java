package io.harpoon.kernels.tornado;

import io.harpoon.kernels.KernelBackendContract;
import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.testsupport.Requirements;
import org.junit.jupiter.api.Tag;

/**
 * The tornado backend on a real TornadoVM device against the contract (known answers, random batches compared with
 * the reference; the trap of a miscompiled shift shows up here). Runs only under the TornadoVM launcher
 * (docs/tornadovm.md); elsewhere every test is skipped with the probe's cause.
 */
@Tag("gpu")
class TornadoBackendTest extends KernelBackendContract {
    private static final TornadoBackend BACKEND = new TornadoBackend();

    @Override
    protected KernelBackend backend() {
        return BACKEND;
    }

    @Override
    protected void assumeAvailable() {
        Availability a = BACKEND.availability();
        Requirements.requireDevice("TornadoVM", a.available(), a.cause());
    }
}
