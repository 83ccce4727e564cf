package io.harpoon.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** HP_WATCHDOG_FAILS consecutive failures give up once; a success in between resets the count. */
class WatchdogTest {
    @Test
    void givesUpAfterConsecutiveFailuresOnly() {
        ArrayDeque<Boolean> results = new ArrayDeque<>(List.of(false, false, true, false, false, false, false));
        AtomicInteger gaveUp = new AtomicInteger();
        Watchdog w = new Watchdog(3, results::poll, gaveUp::incrementAndGet);
        w.check();
        w.check();
        assertEquals(2, w.consecutiveFailures());
        w.check();
        assertEquals(0, w.consecutiveFailures(), "success resets");
        w.check();
        w.check();
        assertEquals(0, gaveUp.get());
        w.check();
        assertEquals(1, gaveUp.get());
        w.check();
        assertEquals(1, gaveUp.get(), "gives up once");
    }

    @Test
    void throwingProbeCountsAsFailure() {
        AtomicInteger gaveUp = new AtomicInteger();
        Watchdog w = new Watchdog(1, () -> {
            throw new IllegalStateException("probe broke");
        }, gaveUp::incrementAndGet);
        w.check();
        assertEquals(1, gaveUp.get());
    }
}
