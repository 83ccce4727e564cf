package io.harpoon.scheduler.plugins;

import io.harpoon.scheduler.framework.PlacementChain;
import io.harpoon.scheduler.framework.PluginRegistry;
import io.harpoon.scheduler.framework.SchedulerConfig;
import io.harpoon.scheduler.plugins.antiaffinity.AntiAffinity;
import io.harpoon.scheduler.plugins.devicekind.DeviceKindFilter;
import io.harpoon.scheduler.plugins.earliestfinish.EarliestFinish;
import io.harpoon.scheduler.plugins.fpgacompat.FpgaCompat;
import io.harpoon.scheduler.plugins.gpupinning.GpuPinning;
import io.harpoon.scheduler.plugins.nodelabels.NodeLabels;
import io.harpoon.scheduler.plugins.resourcefit.ResourceFit;
import io.harpoon.scheduler.plugins.spreadpack.SpreadPack;
import io.harpoon.scheduler.plugins.volumeaffinity.VolumeAffinity;

/**
 * The in-tree plugins and the standard chain, in one place (Nomad's stack constructor):
 *
 * <pre>
 *   PreFilter  resourcefit
 *   Filter     volumeaffinity > devicekind > nodelabels > antiaffinity > fpgacompat > resourcefit > gpupinning
 *   Score      devicekind, nodelabels, fpgacompat, spreadpack, earliestfinish  (x weight, summed; tie: engine order)
 *   Reserve    gpupinning, fpgacompat                               (chosen engine only)
 * </pre>
 */
public final class StandardChain {
    private StandardChain() {
    }

    /** Every in-tree plugin by NAME. */
    public static PluginRegistry registry() {
        return PluginRegistry.EMPTY
                .with(VolumeAffinity.NAME, c -> new VolumeAffinity())
                .with(DeviceKindFilter.NAME, c -> new DeviceKindFilter())
                .with(NodeLabels.NAME, c -> new NodeLabels())
                .with(AntiAffinity.NAME, c -> new AntiAffinity())
                .with(FpgaCompat.NAME, c -> new FpgaCompat())
                .with(ResourceFit.NAME, c -> new ResourceFit())
                .with(GpuPinning.NAME, c -> new GpuPinning(c.policy()))
                .with(SpreadPack.NAME, c -> new SpreadPack(c.policy()))
                .with(EarliestFinish.NAME, c -> new EarliestFinish());
    }

    public static PlacementChain build(SchedulerConfig config) {
        return PlacementChain.builder(registry(), config)
                // The request (CPU, RAM, GPUs x VRAM) is read on every engine: compute it once.
                .preFilter(ResourceFit.NAME)
                // One string compare; an ExApp with data on an engine has nowhere else to go.
                .filter(VolumeAffinity.NAME)
                // One lookup; no device of the kind means nothing else matters (the most common refusal).
                .filter(DeviceKindFilter.NAME)
                // A few map lookups; the wrong class of engine is a configuration fact, reported before capacity.
                .filter(NodeLabels.NAME)
                // Set lookups over residents; still cheaper than summing capacity.
                .filter(AntiAffinity.NAME)
                // Scans a handful of cards; passes at once for non-FPGA workloads.
                .filter(FpgaCompat.NAME)
                // Arithmetic over CPU, RAM and each GPU; reports every short resource with its numbers.
                .filter(ResourceFit.NAME)
                // Pinned ids only; after resourcefit so a general VRAM shortage is reported as such.
                .filter(GpuPinning.NAME)
                // Keep accelerator hosts for accelerator work.
                .score(DeviceKindFilter.NAME)
                // Preferred labels: the admin's soft wishes.
                .score(NodeLabels.NAME)
                // A loaded bitstream beats reprogramming (0 everywhere for non-FPGA work).
                .score(FpgaCompat.NAME)
                // Spread or pack, as configured.
                .score(SpreadPack.NAME)
                // Expected finish time from measured models; neutral while calibrating.
                .score(EarliestFinish.NAME)
                // Concrete GPU ids (best fit under PACK, emptiest under SPREAD), then the FPGA card.
                .reserve(GpuPinning.NAME)
                .reserve(FpgaCompat.NAME)
                .build();
    }
}
