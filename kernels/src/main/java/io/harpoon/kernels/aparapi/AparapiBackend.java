package io.harpoon.kernels.aparapi;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BackendFailure;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.Checks;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.api.KernelId;
import io.harpoon.kernels.reference.Aes;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code aparapi} backend: every kernel as an Aparapi {@code Kernel} translated to OpenCL, one work item per
 * buffer, stream or message (see the package documentation for why and for what counts as unavailable).
 *
 * <p>Construction touches no native code. The first {@link #availability()} (or kernel call) probes once, in a
 * daemon thread bounded by {@link #PROBE_TIMEOUT_SECONDS}: find an OpenCL device, build the three kernels, and
 * run each on a small batch checked against the reference. The result is cached for the life of the JVM.
 *
 * <p>Every call validates its arguments first ({@link Checks}), then fails with {@link BackendFailure} when the
 * backend is unavailable or a launch fails. Outputs (results, in-place data, stream states) are written only
 * after the kernel ran on OpenCL; batches are serialised because Aparapi kernels carry their arguments in fields.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th><th>why</th></tr>
 *   <tr><td>{@link #PROBE_TIMEOUT_SECONDS}</td><td>180 s</td><td>a broken driver must not hang the caller; PoCL
 *       builds the three kernels in a few seconds, slower on a loaded 2-core machine</td></tr>
 *   <tr><td>{@link #MAX_ITEMS}</td><td>35,791,393</td><td>per-item state (round keys, tags, scratch) is
 *       flattened into Java arrays</td></tr>
 *   <tr><td>{@link Staging#MAX_BYTES}</td><td>2^31 - 9 bytes</td><td>one Java array per batch; the device's
 *       maximum allocation may be lower and is checked per batch</td></tr>
 * </table>
 */
public final class AparapiBackend implements KernelBackend {
    /** Most buffers, streams or messages per batch: GCM's flattened round keys (60 ints each) must fit one array. */
    public static final int MAX_ITEMS = (Integer.MAX_VALUE - 8) / GcmKernel.KEY_WORDS;
    /** Upper bound on the one-time probe (device discovery, three kernel builds, self-test). */
    public static final long PROBE_TIMEOUT_SECONDS = 180;

    private static final Logger LOG = LoggerFactory.getLogger(AparapiBackend.class);

    private final Object probeLock = new Object();
    /** The one probe of this backend, started by the first caller; guarded by probeLock. */
    private FutureTask<AparapiRuntime> probeTask;
    private long probeDeadlineNanos;
    private volatile Availability availability;
    private volatile AparapiRuntime runtime;

    /** Creates the backend without touching OpenCL; see {@link #availability()}. */
    public AparapiBackend() {
    }

    @Override
    public Backend id() {
        return Backend.APARAPI;
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a != null) {
            return a;
        }
        synchronized (probeLock) {
            if (availability != null) {
                return availability;
            }
            if (probeTask == null) {
                probeTask = new FutureTask<>(() -> {
                    AparapiRuntime rt = AparapiRuntime.open();
                    SelfTest.run(rt);
                    return rt;
                });
                probeDeadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROBE_TIMEOUT_SECONDS);
                Thread t = new Thread(probeTask, "harpoon-aparapi-probe");
                t.setDaemon(true);
                t.start();
            }
            try {
                AparapiRuntime rt = probeTask.get(Math.max(0, probeDeadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                runtime = rt;
                availability = Availability.available(Backend.APARAPI, rt.description());
            } catch (ExecutionException e) {
                availability = Availability.unavailable(Backend.APARAPI, e.getCause());
            } catch (TimeoutException e) {
                probeTask.cancel(true);
                availability = Availability.unavailable(Backend.APARAPI,
                        "probe did not finish within " + PROBE_TIMEOUT_SECONDS + " s");
            } catch (InterruptedException e) {
                // Not cached: the probe goes on, and the next caller waits for the same probe.
                Thread.currentThread().interrupt();
                return Availability.unavailable(Backend.APARAPI, "interrupted while waiting for the probe");
            }
            LOG.info("{}", availability);
            return availability;
        }
    }

    /** The runtime, or a {@link BackendFailure} naming why the backend is unavailable. */
    AparapiRuntime runtime() {
        Availability a = availability();
        AparapiRuntime rt = runtime;
        if (!a.available() || rt == null) {
            throw new BackendFailure(Backend.APARAPI, "unavailable: " + a.cause());
        }
        return rt;
    }

    @Override
    public boolean supports(KernelId kernel) {
        return true;
    }

    @Override
    public void crc32c(BatchBuffers in, int[] out) {
        Checks.crcArgs(in, out);
        crc(runtime(), in, out, false);
    }

    @Override
    public void crc32cMasked(BatchBuffers in, int[] out) {
        Checks.crcArgs(in, out);
        crc(runtime(), in, out, true);
    }

    @Override
    public void aes128Cfb(CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
        Checks.cfbArgs(direction, streams, data);
        cfb(runtime(), direction, streams, data);
    }

    @Override
    public void gcmSeal(GcmBatch batch) {
        Checks.gcmArgs(batch);
        gcm(runtime(), batch, false);
    }

    @Override
    public boolean[] gcmOpen(GcmBatch batch) {
        Checks.gcmArgs(batch);
        return gcm(runtime(), batch, true);
    }

    // ------------------------------------------------------------------ batches (also used by the self-test)

    static void crc(AparapiRuntime rt, BatchBuffers in, int[] out, boolean masked) {
        int n = in.count();
        if (n == 0) {
            return;
        }
        Staging s = stage(rt, in);
        int[] result = new int[n];
        synchronized (rt) {
            CrcKernel k = rt.crc;
            k.data = s.data();
            k.offsets = s.offsets();
            k.lengths = s.lengths();
            k.out = result;
            k.count = n;
            k.masked = masked ? 1 : 0;
            k.table = rt.crcTable;
            rt.launch(k, n);
        }
        System.arraycopy(result, 0, out, 0, n);
    }

    static void cfb(AparapiRuntime rt, CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
        int n = streams.length;
        if (n == 0) {
            return;
        }
        Staging s = stage(rt, data);
        int[] roundKeys = new int[CfbKernel.KEY_WORDS * n];
        byte[] register = new byte[16 * n];
        byte[] keystream = new byte[16 * n];
        int[] used = new int[n];
        for (int i = 0; i < n; i++) {
            CfbStream st = streams[i];
            System.arraycopy(expandedKey(st), 0, roundKeys, CfbKernel.KEY_WORDS * i, CfbKernel.KEY_WORDS);
            System.arraycopy(st.register(), 0, register, 16 * i, 16);
            System.arraycopy(st.keystream(), 0, keystream, 16 * i, 16);
            used[i] = st.used();
        }
        synchronized (rt) {
            CfbKernel k = rt.cfb;
            k.data = s.data();
            k.offsets = s.offsets();
            k.lengths = s.lengths();
            k.roundKeys = roundKeys;
            k.feedback = register;
            k.keystream = keystream;
            k.used = used;
            k.block = new int[4 * n];
            k.count = n;
            k.encrypting = direction == CfbDirection.ENCRYPT ? 1 : 0;
            k.sbox = rt.sbox;
            rt.launch(k, n);
        }
        s.unpackInto(data);
        for (int i = 0; i < n; i++) {
            System.arraycopy(register, 16 * i, streams[i].register(), 0, 16);
            System.arraycopy(keystream, 16 * i, streams[i].keystream(), 0, 16);
            streams[i].used(used[i]);
        }
    }

    /** The stream's expanded key, cached on the stream (a stream's key never changes). */
    private static int[] expandedKey(CfbStream st) {
        Object cached = st.attachment(Backend.APARAPI);
        if (cached instanceof int[] w && w.length == CfbKernel.KEY_WORDS) {
            return w;
        }
        int[] w = Aes.expandKey(st.key());
        st.attach(Backend.APARAPI, w);
        return w;
    }

    static boolean[] gcm(AparapiRuntime rt, GcmBatch b, boolean open) {
        int n = b.count();
        if (n == 0) {
            return new boolean[0];
        }
        Staging s = stage(rt, b.data());
        Staging aad = b.aad() == null ? Staging.empty(n) : stage(rt, b.aad());
        int[] roundKeys = new int[GcmKernel.KEY_WORDS * n];
        int[] rounds = new int[n];
        byte[] ivs = new byte[GcmBatch.IV_BYTES * n];
        for (int i = 0; i < n; i++) {
            int[] w = Aes.expandKey(b.keys()[i]);
            System.arraycopy(w, 0, roundKeys, GcmKernel.KEY_WORDS * i, w.length);
            rounds[i] = w.length / 4 - 1;
            System.arraycopy(b.ivs()[i], 0, ivs, GcmBatch.IV_BYTES * i, GcmBatch.IV_BYTES);
        }
        byte[] tags = new byte[GcmBatch.TAG_BYTES * n];
        if (open) {
            System.arraycopy(b.tags(), 0, tags, 0, tags.length);
        }
        int[] ok = new int[n];
        synchronized (rt) {
            GcmKernel k = rt.gcm;
            k.data = s.data();
            k.offsets = s.offsets();
            k.lengths = s.lengths();
            k.aad = aad.data();
            k.aadOffsets = aad.offsets();
            k.aadLengths = aad.lengths();
            k.roundKeys = roundKeys;
            k.rounds = rounds;
            k.ivs = ivs;
            k.tags = tags;
            k.ok = ok;
            k.ghash = new long[2 * n];
            k.block = new int[4 * n];
            k.count = n;
            k.opening = open ? 1 : 0;
            k.sbox = rt.sbox;
            rt.launch(k, n);
        }
        s.unpackInto(b.data());
        boolean[] result = new boolean[n];
        for (int i = 0; i < n; i++) {
            result[i] = ok[i] == 1;
        }
        if (!open) {
            System.arraycopy(tags, 0, b.tags(), 0, tags.length);
        }
        return result;
    }

    private static Staging stage(AparapiRuntime rt, BatchBuffers in) {
        if (in.count() > MAX_ITEMS) {
            throw new BackendFailure(Backend.APARAPI, "batch of " + in.count() + " items (expected: <= " + MAX_ITEMS + ")");
        }
        long total = in.totalBytes();
        long max = rt.maxAllocBytes();
        if (max > 0 && total > max) {
            throw new BackendFailure(Backend.APARAPI, "batch of " + total + " bytes exceeds the device's largest buffer ("
                    + max + " bytes)");
        }
        return Staging.pack(in);
    }
}
