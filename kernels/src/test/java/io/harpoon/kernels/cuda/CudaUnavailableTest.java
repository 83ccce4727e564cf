package io.harpoon.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BackendFailure;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.select.BackendRegistry;
import io.harpoon.testsupport.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * On a machine without a CUDA driver (every CI machine) the probe runs for real through JCuda's natives and
 * reports the backend unavailable with the driver's answer; every kernel then throws {@link BackendFailure}
 * rather than crashing the JVM. Skipped on a machine where CUDA works ({@link CudaBackendTest} runs there).
 */
class CudaUnavailableTest {

    @Test
    void withoutADriverTheBackendIsUnavailableWithACauseAndKernelsFail() {
        CudaBackend b = new CudaBackend();
        Availability a = b.availability();
        Requirements.requireDevice("a machine without CUDA", !a.available(), "CUDA works here: " + a.device());
        System.out.println("cuda probe here: " + a);
        assertEquals(Backend.CUDA, a.backend());
        assertFalse(a.cause().isBlank(), "cause must say what is missing");
        assertSame(a, b.availability(), "probed once, cached");
        assertKernelsFail(b);
    }

    @Test
    void registryLoadsTheBackendByName() {
        KernelBackend k = BackendRegistry.defaults().get(Backend.CUDA);
        assertTrue(k instanceof CudaBackend, "registry loaded " + k.getClass());
        Availability a = k.availability();
        Requirements.requireDevice("a machine without CUDA", !a.available(), "CUDA works here: " + a.device());
        assertFalse(a.cause().isBlank());
    }

    static void assertKernelsFail(KernelBackend b) {
        BatchBuffers in = BatchBuffers.pack("hello".getBytes());
        GcmBatch g = new GcmBatch(in, new byte[][] {new byte[16]}, new byte[][] {new byte[12]}, null, new byte[16]);
        Executable[] calls = {
            () -> b.crc32c(in, new int[1]),
            () -> b.crc32cMasked(in, new int[1]),
            () -> b.aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {new CfbStream(new byte[16], new byte[16])}, in),
            () -> b.gcmSeal(g),
            () -> b.gcmOpen(g),
        };
        for (Executable call : calls) {
            BackendFailure f = assertThrows(BackendFailure.class, call);
            assertEquals(b.id(), f.backend());
            assertTrue(f.getMessage().contains("unavailable"), f.getMessage());
        }
    }
}
