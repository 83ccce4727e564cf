package io.harpoon.kernels.tornado;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.Checks;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.api.KernelId;
import io.harpoon.kernels.tornado.Launch.Kind;
import io.harpoon.kernels.tornado.Launch.ShapeClass;

import static java.util.Objects.requireNonNull;

/**
 * The host side of the {@code tornado} backend: validates arguments, stages a batch into a {@link Launch}, runs it
 * through a {@link Launcher} and copies results back. Outputs (and CFB stream states) are written only after the
 * launch succeeded. Calls are serialised because a TornadoVM plan's staging arrays are shared.
 */
final class LaunchDriver implements KernelBackend {
    private final Launcher launcher;
    private final Availability availability;

    LaunchDriver(Launcher launcher, Availability availability) {
        this.launcher = requireNonNull(launcher, "launcher");
        this.availability = requireNonNull(availability, "availability");
    }

    @Override
    public Backend id() {
        return Backend.TORNADO;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public boolean supports(KernelId kernel) {
        return true;
    }

    @Override
    public void crc32c(BatchBuffers in, int[] out) {
        Checks.crcArgs(in, out);
        crc(in, out, false);
    }

    @Override
    public void crc32cMasked(BatchBuffers in, int[] out) {
        Checks.crcArgs(in, out);
        crc(in, out, true);
    }

    private synchronized void crc(BatchBuffers in, int[] out, boolean masked) {
        if (in.count() == 0) {
            return;
        }
        CrcLaunch l = (CrcLaunch) launcher.acquire(ShapeClass.of(Kind.CRC32C, in.count(), in.totalBytes(), 0));
        l.load(in, masked);
        launcher.run(l);
        l.store(out);
    }

    @Override
    public synchronized void aes128Cfb(CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
        Checks.cfbArgs(direction, streams, data);
        if (data.count() == 0) {
            return;
        }
        CfbLaunch l = (CfbLaunch) launcher.acquire(ShapeClass.of(Kind.AES128_CFB, data.count(), data.totalBytes(), 0));
        l.load(direction, streams, data);
        launcher.run(l);
        l.store(streams, data);
    }

    @Override
    public void gcmSeal(GcmBatch batch) {
        Checks.gcmArgs(batch);
        gcm(batch, false);
    }

    @Override
    public boolean[] gcmOpen(GcmBatch batch) {
        Checks.gcmArgs(batch);
        return gcm(batch, true);
    }

    private synchronized boolean[] gcm(GcmBatch b, boolean open) {
        if (b.count() == 0) {
            return new boolean[0];
        }
        long aadBytes = b.aad() == null ? 0 : b.aad().totalBytes();
        GcmLaunch l = (GcmLaunch) launcher.acquire(ShapeClass.of(Kind.AES_GCM, b.count(), b.data().totalBytes(), aadBytes));
        l.load(b, open);
        launcher.run(l);
        return l.store(b, open);
    }
}
