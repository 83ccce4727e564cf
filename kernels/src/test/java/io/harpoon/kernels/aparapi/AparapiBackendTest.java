package io.harpoon.kernels.aparapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.kernels.KernelBackendContract;
import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.select.BackendRegistry;
import io.harpoon.testsupport.Requirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The aparapi backend against the contract (known answers, random batches of 1..10,000 buffers against the
 * reference, bad input) on the OpenCL device Aparapi picks (PoCL in CI, where HARPOON_STRICT=1 makes a missing
 * device a failure), plus what is specific to it: the device it names, empty batches, concurrent callers.
 */
class AparapiBackendTest extends KernelBackendContract {
    /** One backend for all tests: the probe (device discovery, kernel builds) runs once per JVM. */
    static final AparapiBackend BACKEND = new AparapiBackend();

    @Override
    protected KernelBackend backend() {
        return BACKEND;
    }

    @Override
    protected void assumeAvailable() {
        requireOpenCl();
    }

    static void requireOpenCl() {
        Availability a = BACKEND.availability();
        Requirements.require("OpenCL (aparapi backend)", a.available(), a.cause());
    }

    @Test
    void reportsTheOpenClDeviceThatJoclAlsoSees() {
        String device = BACKEND.availability().device();
        assertTrue(device.matches(".+ \\(OpenCL \\d+\\.\\d+, .+\\)"), device);
        List<String> seen = JoclDevices.describeAll();
        assertTrue(seen.contains(device), device + " not among the devices JOCL lists: " + seen);
        if (seen.size() == 1) {
            assertEquals(seen.get(0), device, "the only OpenCL device (PoCL's in CI) is the one named");
        }
        if (device.endsWith(", Portable Computing Language)")) {
            assertTrue(device.startsWith("pthread-"), "PoCL's CPU device is named pthread-<cpu>: " + device);
        }
    }

    @Test
    void registryLoadsThisBackendByClassName() {
        assertInstanceOf(AparapiBackend.class, BackendRegistry.defaults().get(Backend.APARAPI));
    }

    @Test
    void emptyBatchesAndEmptyBuffersNeedNoLaunchAndMatchReference() {
        BatchBuffers none = new BatchBuffers(new byte[0], new int[0], new int[0]);
        BACKEND.crc32c(none, new int[0]);
        BACKEND.crc32cMasked(none, new int[0]);
        BACKEND.aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[0], none);
        GcmBatch emptyGcm = new GcmBatch(none, new byte[0][], new byte[0][], null, new byte[0]);
        BACKEND.gcmSeal(emptyGcm);
        assertEquals(0, BACKEND.gcmOpen(emptyGcm).length);

        BatchBuffers zeros = new BatchBuffers(new byte[5], new int[] {0, 5, 2}, new int[] {0, 0, 0});
        int[] got = {7, 7, 7};
        BACKEND.crc32c(zeros, got);
        assertArrayEquals(new int[3], got, "crc32c of nothing is 0");
        BACKEND.crc32cMasked(zeros, got);
        int[] want = new int[3];
        reference.crc32cMasked(zeros, want);
        assertArrayEquals(want, got);

        CfbStream s = new CfbStream(new byte[16], new byte[16]);
        CfbStream before = s.copy();
        BACKEND.aes128Cfb(CfbDirection.DECRYPT, new CfbStream[] {s, s.copy(), s.copy()}, zeros);
        assertTrue(before.sameStateAs(s), "an empty buffer does not advance its stream");

        byte[][] keys = {new byte[16], new byte[32], new byte[16]};
        byte[][] ivs = {new byte[12], new byte[12], new byte[12]};
        byte[] wantTags = new byte[48];
        byte[] gotTags = new byte[48];
        reference.gcmSeal(new GcmBatch(zeros, keys, ivs, null, wantTags));
        GcmBatch g = new GcmBatch(zeros, keys, ivs, null, gotTags);
        BACKEND.gcmSeal(g);
        assertArrayEquals(wantTags, gotTags, "tags of empty messages");
        boolean[] ok = BACKEND.gcmOpen(g);
        assertArrayEquals(new boolean[] {true, true, true}, ok);
    }

    @Test
    void concurrentCallersGetTheirOwnResults(Random rnd) throws Exception {
        List<BatchBuffers> batches = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            batches.add(randomBatch(rnd, 1 + rnd.nextInt(300)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (BatchBuffers b : batches) {
                results.add(pool.submit(() -> {
                    int[] out = new int[b.count()];
                    BACKEND.crc32c(b, out);
                    return out;
                }));
            }
            for (int i = 0; i < batches.size(); i++) {
                int[] want = new int[batches.get(i).count()];
                reference.crc32c(batches.get(i), want);
                assertArrayEquals(want, results.get(i).get(), "batch " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
