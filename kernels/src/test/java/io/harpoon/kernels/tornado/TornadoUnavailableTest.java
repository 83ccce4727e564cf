package io.harpoon.kernels.tornado;

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
import io.harpoon.kernels.select.BackendRegistry;
import io.harpoon.testsupport.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Without the TornadoVM runtime (every CI machine) the backend says so with a cause and every kernel throws
 * {@link BackendFailure}; with the runtime property set but only the compile-only declarations on the class path
 * (the worst misconfiguration), the probe still fails cleanly instead of crashing.
 */
class TornadoUnavailableTest {

    @Test
    void withoutTheRuntimeTheBackendIsUnavailableWithACauseAndKernelsFail() {
        Requirements.requireDevice("a machine without TornadoVM", System.getProperty(TornadoBackend.RUNTIME_PROPERTY) == null,
                "this JVM runs under the TornadoVM launcher");
        TornadoBackend b = new TornadoBackend();
        Availability a = b.availability();
        assertFalse(a.available());
        assertEquals(Backend.TORNADO, a.backend());
        assertTrue(a.cause().contains(TornadoBackend.RUNTIME_PROPERTY), a.cause());
        assertSame(a, b.availability(), "probed once, cached");
        assertKernelsFail(b);
    }

    @Test
    void registryLoadsTheBackendByNameWithoutTouchingTornadoVm() {
        Requirements.requireDevice("a machine without TornadoVM", System.getProperty(TornadoBackend.RUNTIME_PROPERTY) == null,
                "this JVM runs under the TornadoVM launcher");
        var k = BackendRegistry.defaults().get(Backend.TORNADO);
        assertTrue(k instanceof TornadoBackend, "registry loaded " + k.getClass());
        assertFalse(k.availability().available());
    }

    @Test
    void runtimePropertyWithOnlyTheDeclarationsFailsTheProbeCleanly() {
        Requirements.requireDevice("a machine without TornadoVM", System.getProperty(TornadoBackend.RUNTIME_PROPERTY) == null,
                "this JVM runs under the TornadoVM launcher");
        String bailout = System.getProperty(TornadoBackend.BAILOUT_PROPERTY);
        System.setProperty(TornadoBackend.RUNTIME_PROPERTY, "fake.Runtime");
        try {
            TornadoBackend b = new TornadoBackend();
            Availability a = b.availability();
            assertFalse(a.available());
            assertTrue(a.cause().contains("compile-only TornadoVM declaration"), a.cause());
            assertEquals("False", System.getProperty(TornadoBackend.BAILOUT_PROPERTY), "bailout recovery switched off");
            assertKernelsFail(b);
        } finally {
            System.clearProperty(TornadoBackend.RUNTIME_PROPERTY);
            if (bailout == null) {
                System.clearProperty(TornadoBackend.BAILOUT_PROPERTY);
            } else {
                System.setProperty(TornadoBackend.BAILOUT_PROPERTY, bailout);
            }
        }
    }

    @Test
    void bailoutRecoveryOnMakesTheBackendUnavailable() {
        String bailout = System.getProperty(TornadoBackend.BAILOUT_PROPERTY);
        Requirements.requireDevice("a machine without TornadoVM", System.getProperty(TornadoBackend.RUNTIME_PROPERTY) == null,
                "this JVM runs under the TornadoVM launcher");
        System.setProperty(TornadoBackend.RUNTIME_PROPERTY, "fake.Runtime");
        System.setProperty(TornadoBackend.BAILOUT_PROPERTY, "True");
        try {
            Availability a = new TornadoBackend().availability();
            assertFalse(a.available());
            assertTrue(a.cause().contains("silently"), a.cause());
        } finally {
            System.clearProperty(TornadoBackend.RUNTIME_PROPERTY);
            if (bailout == null) {
                System.clearProperty(TornadoBackend.BAILOUT_PROPERTY);
            } else {
                System.setProperty(TornadoBackend.BAILOUT_PROPERTY, bailout);
            }
        }
    }

    static void assertKernelsFail(io.harpoon.kernels.api.KernelBackend b) {
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
