package io.harpoon.kernels.api;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a backend's probe (driver initialisation, kernel compilation, a self-test) on a daemon thread with a time
 * limit, so a native library that hangs or crashes its caller's assumptions can never hang the JVM: whatever
 * happens becomes an {@link Availability} with the cause.
 */
public final class Probes {
    private Probes() {
    }

    /**
     * @param backend the backend probed (for the unavailable result)
     * @param what a short name for messages and the thread, e.g. {@code "CUDA"}
     * @param timeout how long to wait before reporting the probe as hung
     * @param probe returns the availability; may throw anything, which becomes the cause
     */
    public static Availability inDaemonThread(Backend backend, String what, Duration timeout, Callable<Availability> probe) {
        FutureTask<Availability> task = new FutureTask<>(probe);
        Thread t = new Thread(task, "harpoon-" + backend.wireName() + "-probe");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return Availability.unavailable(backend, e.getCause());
        } catch (TimeoutException e) {
            task.cancel(true);
            return Availability.unavailable(backend, what + " probe did not finish within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Availability.unavailable(backend, "interrupted while probing " + what);
        }
    }

    /**
     * A probe result computed once, on first use, by whichever thread asks first; later calls return it without
     * locking. Backends construct one in their constructor (no native work there) and call {@link #get()}.
     */
    public static final class Once {
        private final Supplier<Availability> probe;
        private volatile Availability result;

        public Once(Supplier<Availability> probe) {
            this.probe = probe;
        }

        /** A memo already holding {@code known} (e.g. a test double that is probed by construction). */
        public static Once of(Availability known) {
            Once o = new Once(() -> known);
            o.result = known;
            return o;
        }

        public Availability get() {
            Availability a = result;
            if (a == null) {
                synchronized (this) {
                    a = result;
                    if (a == null) {
                        a = probe.get();
                        result = a;
                    }
                }
            }
            return a;
        }
    }
}
