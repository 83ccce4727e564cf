package io.harpoon.gateway.admin;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process watchdog (spec §2, {@code HP_WATCHDOG_*}; §16 Q33): every interval run the probe (the gateway probes
 * {@code /heartbeat} with a 5 s timeout and checks that every listener still accepts); after {@code maxFails}
 * consecutive failures call {@code onGiveUp} once, which makes the process exit 1 so that the restart policy
 * recovers.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final int maxFails;
    private final BooleanSupplier probe;
    private final Runnable onGiveUp;
    private int fails;
    private boolean gaveUp;
    private ScheduledFuture<?> task;

    public Watchdog(int maxFails, BooleanSupplier probe, Runnable onGiveUp) {
        if (maxFails < 1) {
            throw new IllegalArgumentException("maxFails: " + maxFails + " (expected: >= 1)");
        }
        this.maxFails = maxFails;
        this.probe = requireNonNull(probe, "probe");
        this.onGiveUp = requireNonNull(onGiveUp, "onGiveUp");
    }

    public void start(ScheduledExecutorService scheduler, Duration interval) {
        task = scheduler.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One probe; public for tests and for a manual check. */
    public synchronized void check() {
        if (gaveUp) {
            return;
        }
        boolean ok;
        try {
            ok = probe.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        if (ok) {
            fails = 0;
            return;
        }
        fails++;
        LOG.warn("watchdog probe failed ({} of {})", fails, maxFails);
        if (fails >= maxFails) {
            gaveUp = true;
            close();
            onGiveUp.run();
        }
    }

    public synchronized int consecutiveFailures() {
        return fails;
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
