package io.harpoon.kernels.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.harpoon.kernels.api.KernelId;
import io.harpoon.kernels.jdk.JdkBackend;
import io.harpoon.kernels.reference.ReferenceBackend;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackendChainTest {

    /** A device backend that is "available", scribbles over its inputs, then fails, counting its calls. */
    static final class Scribbler implements KernelBackend {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Backend id() {
            return Backend.CUDA;
        }

        @Override
        public Availability availability() {
            return Availability.available(Backend.CUDA, "fake device");
        }

        @Override
        public boolean supports(KernelId kernel) {
            return true;
        }

        private BackendFailure fail() {
            calls.incrementAndGet();
            return new BackendFailure(Backend.CUDA, "simulated launch failure (BackendChainTest fake)");
        }

        @Override
        public void crc32c(BatchBuffers in, int[] out) {
            out[0] = 12345;
            throw fail();
        }

        @Override
        public void crc32cMasked(BatchBuffers in, int[] out) {
            throw fail();
        }

        @Override
        public void aes128Cfb(CfbDirection d, CfbStream[] streams, BatchBuffers data) {
            java.util.Arrays.fill(data.data(), (byte) 0x55);
            streams[0].used(3);
            streams[0].register()[0] ^= 1;
            throw fail();
        }

        @Override
        public void gcmSeal(GcmBatch batch) {
            throw fail();
        }

        @Override
        public boolean[] gcmOpen(GcmBatch batch) {
            throw fail();
        }
    }

    private static BackendRegistry registry(KernelBackend cuda) {
        Map<Backend, KernelBackend> m = new EnumMap<>(Backend.class);
        m.put(Backend.JAVA, new ReferenceBackend());
        m.put(Backend.JDK, new JdkBackend());
        m.put(Backend.APARAPI, new BackendRegistry.Absent(Availability.unavailable(Backend.APARAPI, "no OpenCL platform")));
        m.put(Backend.TORNADO, new BackendRegistry.Absent(Availability.unavailable(Backend.TORNADO, "no runtime")));
        m.put(Backend.CUDA, cuda);
        return BackendRegistry.of(m);
    }

    @Test
    void unavailableBackendsAreSkippedWithTheirCause() {
        BackendChain chain = new BackendChain(registry(new Scribbler()), List.of(Backend.APARAPI, Backend.TORNADO, Backend.JDK), true);
        int[] out = new int[1];
        ExecutionOutcome o = chain.crc32c(BatchBuffers.pack("123456789".getBytes()), out);
        assertEquals(0xe3069283, out[0]);
        assertEquals(Backend.JDK, o.ran());
        assertEquals(List.of("aparapi: unavailable: no OpenCL platform", "tornado: unavailable: no runtime"), o.skipped());
        assertTrue(o.fellBack());
    }

    @Test
    void withoutFallbackTheFirstBackendsFailureIsThrown() {
        BackendChain chain = new BackendChain(registry(new Scribbler()), List.of(Backend.APARAPI, Backend.JDK), false);
        BackendFailure e = assertThrows(BackendFailure.class, () -> chain.crc32c(BatchBuffers.pack(new byte[4]), new int[1]));
        assertEquals(Backend.APARAPI, e.backend());
        assertTrue(e.getMessage().contains("no OpenCL platform"), e.getMessage());
    }

    @Test
    void aFailureMidwayIsUndoneBeforeTheNextBackendAndRemembered() {
        Scribbler cuda = new Scribbler();
        BackendChain chain = new BackendChain(registry(cuda), List.of(Backend.CUDA, Backend.JDK), true);
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        byte[] pt = "some plaintext that spans two blocks".getBytes();
        byte[] want = pt.clone();
        CfbStream ref = new CfbStream(key, iv);
        new ReferenceBackend().aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {ref}, BatchBuffers.single(want, 0, want.length));

        byte[] got = pt.clone();
        CfbStream s = new CfbStream(key, iv);
        ExecutionOutcome o = chain.aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {s}, BatchBuffers.single(got, 0, got.length));
        assertEquals(Backend.JDK, o.ran());
        assertArrayEquals(want, got, "the scribbled bytes were restored before jdk ran");
        assertTrue(ref.sameStateAs(s), "the stream state was restored before jdk ran");
        assertEquals(List.of("cuda: BackendFailure: cuda: simulated launch failure (BackendChainTest fake)"), o.skipped());

        // remembered: the broken device is not tried again for this kernel
        chain.aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {s}, BatchBuffers.single(got, 0, got.length));
        assertEquals(1, cuda.calls.get());
        // but other kernels still try it
        chain.crc32c(BatchBuffers.pack(new byte[3]), new int[1]);
        assertEquals(2, cuda.calls.get());
    }

    @Test
    void emptyPreferenceIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BackendChain(registry(new Scribbler()), List.of(), true));
        assertTrue(e.getMessage().startsWith("preference: []"));
    }

    @Test
    void registryReportsEveryBackendAndNeverThrowsOnProbe() {
        List<Availability> all = BackendRegistry.defaults().probeAll();
        assertEquals(Backend.values().length, all.size());
        for (Availability a : all) {
            assertTrue(a.available() ? !a.device().isEmpty() : !a.cause().isEmpty(), a.toString());
        }
    }
}
