package io.harpoon.kernels.select;

import static java.util.Objects.requireNonNull;

import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.BatchShape;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.api.KernelId;
import java.util.List;

/**
 * The facade the data plane (tunnel, gateway, gpu-exapp) calls: it asks {@link KernelPlacement} for the backend
 * of each batch shape and runs there, falling back to {@code jdk} with the cause recorded if that backend fails.
 * Single-buffer helpers cover the common per-frame case without building index arrays by hand.
 *
 * <p>Thread-safe; {@link CfbStream}s are not and belong to one connection direction each.
 */
public final class Kernels {
    private static volatile Kernels defaults;

    private final KernelPlacement placement;
    private final BackendRegistry registry;
    private final KernelBackend jdk;
    private final BackendChain[] chains;

    public Kernels(KernelPlacement placement, BackendRegistry registry) {
        this.placement = requireNonNull(placement, "placement");
        this.registry = requireNonNull(registry, "registry");
        this.jdk = registry.get(Backend.JDK);
        this.chains = chainsFor(registry);
    }

    /** Process-wide instance over {@link KernelPlacement#defaults()}. */
    public static Kernels defaults() {
        Kernels k = defaults;
        if (k == null) {
            synchronized (Kernels.class) {
                k = defaults;
                if (k == null) {
                    k = new Kernels(KernelPlacement.defaults(), BackendRegistry.defaults());
                    defaults = k;
                }
            }
        }
        return k;
    }

    public KernelPlacement placement() {
        return placement;
    }

    /** Masked CRC-32C (snappy framing) of one buffer. */
    public int crc32cMasked(byte[] data, int off, int len) {
        BatchBuffers in = BatchBuffers.single(data, off, len);
        int[] out = new int[1];
        Backend b = placement.choose(KernelId.CRC32C_MASKED, in.shape());
        if (b == Backend.JDK) {
            jdk.crc32cMasked(in, out);
        } else {
            chain(b).crc32cMasked(in, out);
        }
        return out[0];
    }

    /** CRC-32C of one buffer. */
    public int crc32c(byte[] data, int off, int len) {
        BatchBuffers in = BatchBuffers.single(data, off, len);
        int[] out = new int[1];
        Backend b = placement.choose(KernelId.CRC32C, in.shape());
        if (b == Backend.JDK) {
            jdk.crc32c(in, out);
        } else {
            chain(b).crc32c(in, out);
        }
        return out[0];
    }

    /** AES-128-CFB over one buffer of one stream, in place. */
    public void aes128Cfb(CfbDirection direction, CfbStream stream, byte[] data, int off, int len) {
        aes128Cfb(direction, new CfbStream[] {stream}, BatchBuffers.single(data, off, len));
    }

    /** AES-128-CFB over a batch, in place; returns what ran. */
    public ExecutionOutcome aes128Cfb(CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
        Backend b = placement.choose(KernelId.AES128_CFB, new BatchShape(data.count(), data.totalBytes()));
        if (b == Backend.JDK) {
            jdk.aes128Cfb(direction, streams, data);
            return new ExecutionOutcome(KernelId.AES128_CFB, Backend.JDK, List.of());
        }
        return chain(b).aes128Cfb(direction, streams, data);
    }

    private BackendChain chain(Backend first) {
        return chains[first.ordinal()];
    }

    private static BackendChain[] chainsFor(BackendRegistry registry) {
        Backend[] all = Backend.values();
        BackendChain[] c = new BackendChain[all.length];
        for (Backend b : all) {
            c[b.ordinal()] = new BackendChain(registry, b == Backend.JDK ? List.of(b) : List.of(b, Backend.JDK), true);
        }
        return c;
    }
}
