package io.harpoon.exapp.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.exapp.compute.ComputeBackend;
import io.harpoon.exapp.compute.ComputeSelection;
import io.harpoon.exapp.compute.cpu.CpuBackend;
import io.harpoon.exapp.compute.tornado.TornadoProbe;
import io.harpoon.exapp.vectors.CollectionStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Init reports an error (not 100) when a collection cannot be made resident; delivery failures do not stop init. */
class LifecycleTest {
    @TempDir
    Path dir;

    record Sent(int progress, String error) {
    }

    private static void awaitDone(List<Sent> sent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sent.stream().noneMatch(s -> s.progress() == 100 || !s.error().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void uploadFailureIsReportedAsInitError() throws Exception {
        ComputeBackend tornado = new TornadoProbe(); // uploads always fail: no task graph
        ComputeSelection sel = ComputeSelection.select("CPU", "", List.of(new CpuBackend(false, 1)));
        try (CollectionStore store = CollectionStore.open(dir, tornado)) {
            store.create("docs", 2).collection().upsert(new long[] {1}, new float[] {1, 2});
            List<Sent> sent = new CopyOnWriteArrayList<>();
            Lifecycle life = new Lifecycle(sel, store, (p, e) -> sent.add(new Sent(p, e)));
            life.startInit();
            awaitDone(sent);
            Sent last = sent.get(sent.size() - 1);
            assertTrue(last.error().startsWith("init failed: tornado: unavailable"), last.toString());
            assertTrue(sent.stream().noneMatch(s -> s.progress() == 100), "never 100 after a failure: " + sent);
            assertEquals(last.error(), life.initError());
        }
    }

    @Test
    void undeliverableProgressDoesNotStopInitAndTheFinalReportIsRetried() throws Exception {
        ComputeSelection sel = ComputeSelection.select("CPU", "", List.of(new CpuBackend(false, 1)));
        try (CollectionStore store = CollectionStore.open(dir, sel.backend())) {
            store.create("a", 2);
            store.create("b", 2);
            List<Sent> sent = new CopyOnWriteArrayList<>();
            Lifecycle life = new Lifecycle(sel, store, (p, e) -> {
                sent.add(new Sent(p, e));
                if (sent.size() < 6) { // 0, 50, 95 and the first two tries of 100 fail; the third goes through
                    throw new java.io.IOException("PUT status: HTTP 503 (expected: 2xx)");
                }
            }, new long[] {0, 0, 0, 0});
            life.startInit();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sent.size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(50);
            assertEquals(List.of(0, 50, 95, 100, 100, 100), sent.stream().map(Sent::progress).toList(),
                    "intermediate progress best effort, the final 100 retried until delivered");
            assertEquals(100, life.initProgress());
        }
    }
}
