package io.harpoon.kernels.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A probe that hangs or throws becomes "unavailable" with the cause; it never hangs or crashes the caller. */
class ProbesTest {

    @Test
    void successIsPassedThrough() {
        Availability a = Probes.inDaemonThread(Backend.CUDA, "CUDA", Duration.ofSeconds(5),
                () -> Availability.available(Backend.CUDA, "fake GPU"));
        assertTrue(a.available());
        assertEquals("fake GPU", a.device());
    }

    @Test
    void aThrowingProbeReportsItsCause() {
        Availability a = Probes.inDaemonThread(Backend.CUDA, "CUDA", Duration.ofSeconds(5), () -> {
            throw new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file");
        });
        assertFalse(a.available());
        assertEquals("UnsatisfiedLinkError: libcuda.so.1: cannot open shared object file", a.cause());
    }

    @Test
    void aHangingProbeTimesOut() {
        CountDownLatch never = new CountDownLatch(1);
        Availability a = Probes.inDaemonThread(Backend.TORNADO, "TornadoVM", Duration.ofMillis(200), () -> {
            never.await();
            return Availability.available(Backend.TORNADO, "unreachable");
        });
        assertFalse(a.available());
        assertEquals("TornadoVM probe did not finish within PT0.2S", a.cause());
    }

    @Test
    void onceProbesOnlyOnceEvenWhenAskedConcurrently() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Probes.Once once = new Probes.Once(() -> {
            calls.incrementAndGet();
            return Availability.unavailable(Backend.CUDA, "no driver");
        });
        Thread[] ts = new Thread[8];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = new Thread(once::get);
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals("no driver", once.get().cause());
        assertEquals(1, calls.get());
        assertTrue(Probes.Once.of(Availability.available(Backend.JDK, "x")).get().available());
    }
}
