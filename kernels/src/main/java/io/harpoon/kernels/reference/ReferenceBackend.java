package io.harpoon.kernels.reference;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.Checks;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.api.KernelId;

/** The {@code java} backend: the reference methods over a batch. Always available; the oracle in tests. */
public final class ReferenceBackend implements KernelBackend {

    @Override
    public Backend id() {
        return Backend.JAVA;
    }

    @Override
    public Availability availability() {
        return Availability.available(Backend.JAVA, "JVM (plain Java reference)");
    }

    @Override
    public boolean supports(KernelId kernel) {
        return true;
    }

    @Override
    public void crc32c(BatchBuffers in, int[] out) {
        Checks.crcArgs(in, out);
        for (int i = 0; i < in.count(); i++) {
            out[i] = Crc32c.crc32c(in.data(), in.offsets()[i], in.lengths()[i]);
        }
    }

    @Override
    public void crc32cMasked(BatchBuffers in, int[] out) {
        Checks.crcArgs(in, out);
        for (int i = 0; i < in.count(); i++) {
            out[i] = Crc32c.masked(in.data(), in.offsets()[i], in.lengths()[i]);
        }
    }

    @Override
    public void aes128Cfb(CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
        Checks.cfbArgs(direction, streams, data);
        for (int i = 0; i < streams.length; i++) {
            int[] w = Aes.expandKey(streams[i].key());
            Aes128Cfb.process(direction, streams[i], w, data.data(), data.offsets()[i], data.lengths()[i]);
        }
    }

    @Override
    public void gcmSeal(GcmBatch b) {
        Checks.gcmArgs(b);
        for (int i = 0; i < b.count(); i++) {
            AesGcm.seal(b.keys()[i], b.ivs()[i], b.aadData(), b.aadOffset(i), b.aadLength(i), b.data().data(),
                    b.data().offsets()[i], b.data().lengths()[i], b.tags(), i * GcmBatch.TAG_BYTES);
        }
    }

    @Override
    public boolean[] gcmOpen(GcmBatch b) {
        Checks.gcmArgs(b);
        boolean[] ok = new boolean[b.count()];
        for (int i = 0; i < b.count(); i++) {
            ok[i] = AesGcm.open(b.keys()[i], b.ivs()[i], b.aadData(), b.aadOffset(i), b.aadLength(i), b.data().data(),
                    b.data().offsets()[i], b.data().lengths()[i], b.tags(), i * GcmBatch.TAG_BYTES);
        }
        return ok;
    }
}
