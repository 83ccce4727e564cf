package io.harpoon.exapp.contract;

import static java.util.Objects.requireNonNull;

import io.harpoon.exapp.compute.ComputeSelection;
import io.harpoon.exapp.vectors.CollectionStore;
import io.harpoon.exapp.vectors.VectorCollection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ExApp side of AppAPI's lifecycle (spec/exapp-contract.md §2-§3).
 *
 * <ul>
 *   <li>{@code POST /init}: answers at once; a background thread makes every collection resident on the chosen
 *       backend (the "model load" of this app) and reports progress 0..100 to Nextcloud, or an error.</li>
 *   <li>{@code PUT /enabled?enabled=1}: fails with a readable error when the requested compute device is unusable
 *       (the test-deploy pattern), else records the app as enabled; {@code enabled=0} always succeeds.</li>
 * </ul>
 */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    /**
     * Retries of the final report: AppAPI enables the app only on progress 100 and fails the install only on an
     * error, and nothing re-asks, so a Nextcloud hiccup at that moment would leave the install hanging until the
     * 40-minute init timeout. Intermediate progress is best effort.
     */
    static final long[] FINAL_REPORT_RETRIES_MS = {1_000, 2_000, 4_000, 8_000};

    private final long[] retryDelaysMs;

    private final ComputeSelection compute;
    private final CollectionStore store;
    private final ProgressSink progress;
    private final AtomicBoolean initRunning = new AtomicBoolean();
    private volatile boolean enabled;
    private volatile int initProgress = -1;
    private volatile String initError = "";

    /** Where init progress goes: Nextcloud's OCS endpoint, or a log line when {@code NEXTCLOUD_URL} is unset. */
    @FunctionalInterface
    public interface ProgressSink {
        void report(int progress, String error) throws Exception;
    }

    public Lifecycle(ComputeSelection compute, CollectionStore store, ProgressSink progress) {
        this(compute, store, progress, FINAL_REPORT_RETRIES_MS);
    }

    /** @param retryDelaysMs waits before each retry of a final report (100 or an error) */
    Lifecycle(ComputeSelection compute, CollectionStore store, ProgressSink progress, long[] retryDelaysMs) {
        this.compute = requireNonNull(compute, "compute");
        this.store = requireNonNull(store, "store");
        this.progress = requireNonNull(progress, "progress");
        this.retryDelaysMs = retryDelaysMs.clone();
    }

    /** Starts init unless one is running; returns at once. */
    public void startInit() {
        if (!initRunning.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::runInit, "exapp-init");
        t.setDaemon(true);
        t.start();
    }

    private void runInit() {
        try {
            send(0, "");
            if (!compute.problem().isEmpty()) {
                // Init itself succeeds: the device problem is reported where the admin sees it, at enable.
                LOG.warn("compute device problem (reported at /enabled): {}", compute.problem());
            }
            List<VectorCollection> all = store.list();
            for (int i = 0; i < all.size(); i++) {
                VectorCollection c = all.get(i);
                c.makeResident();
                LOG.info("collection {} resident on {} ({} vectors)", c.name(), compute.backend().kind().wireName(), c.count());
                send(5 + (int) (90L * (i + 1) / all.size()), "");
            }
            initProgress = 100;
            sendFinal(100, "");
        } catch (RuntimeException e) {
            String msg = "init failed: " + e.getMessage();
            LOG.warn(msg, e);
            initError = msg;
            sendFinal(initProgress < 0 ? 0 : initProgress, msg);
        } finally {
            initRunning.set(false);
        }
    }

    private void send(int p, String error) {
        initProgress = p;
        trySend(p, error);
    }

    private boolean trySend(int p, String error) {
        try {
            progress.report(p, error);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("init progress {} not delivered: {}", p, e.getMessage());
        }
        return false;
    }

    private void sendFinal(int p, String error) {
        if (trySend(p, error)) {
            return;
        }
        for (long delay : retryDelaysMs) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (trySend(p, error)) {
                return;
            }
        }
        LOG.warn("init progress {} not delivered after {} retries; AppAPI will time the init out", p, retryDelaysMs.length);
    }

    /**
     * Handles {@code PUT /enabled}.
     *
     * @return "" on success, else the error AppAPI shows to the admin
     */
    public String setEnabled(boolean enable) {
        if (!enable) {
            enabled = false;
            return "";
        }
        if (!compute.problem().isEmpty()) {
            enabled = false;
            return compute.problem();
        }
        enabled = true;
        return "";
    }

    public boolean enabled() {
        return enabled;
    }

    /** Last progress sent (-1 before any init). */
    public int initProgress() {
        return initProgress;
    }

    public String initError() {
        return initError;
    }

    public ComputeSelection compute() {
        return compute;
    }
}
