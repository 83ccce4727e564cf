package io.harpoon.gateway.pool;

import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineView;
import io.harpoon.engines.registry.Fpga;
import io.harpoon.engines.registry.Gpu;
import io.harpoon.engines.registry.Inventory;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.FpgaCard;
import io.harpoon.scheduler.api.GpuDevice;
import io.harpoon.scheduler.api.GpuVendor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Engine registry views to the scheduler's {@link EngineInfo}: only engines that are UP, in port order (the
 * scheduler's tie-break), named {@code engine-<port>} so stored placements stay readable and map back to a port.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><td>cpus</td><td>cores x 1000 millicores</td></tr>
 *   <tr><td>memoryBytes, labels</td><td>as reported / declared</td></tr>
 *   <tr><td>gpus</td><td>NVIDIA and AMD GPUs with a known VRAM size (declared inventory); a GPU whose VRAM is
 *       unknown (found through CDI or the nvidia runtime only) cannot be sized and is left out</td></tr>
 *   <tr><td>fpgas</td><td>declared cards, indexed in declaration order</td></tr>
 * </table>
 */
public final class PoolInventory {
    private static final String PREFIX = "engine-";

    private PoolInventory() {
    }

    public static String engineId(int port) {
        return PREFIX + port;
    }

    /** The port of an {@link #engineId}, empty for anything else. */
    public static OptionalInt port(String engineId) {
        if (engineId == null || !engineId.startsWith(PREFIX)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(engineId.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** @param skipped receives one line per GPU left out (for a log line) */
    public static List<EngineInfo> of(List<EngineView> views, List<String> skipped) {
        List<EngineInfo> out = new ArrayList<>();
        for (EngineView v : views) {
            if (v.status() == Engine.Status.UP) {
                out.add(of(v.port(), v.inventory(), skipped));
            }
        }
        return out;
    }

    static EngineInfo of(int port, Inventory inv, List<String> skipped) {
        EngineInfo.Builder b = EngineInfo.builder(engineId(port)).memoryBytes(Math.max(0, inv.memoryBytes()));
        b.cores(Math.max(0, inv.cpus()));
        inv.labels().forEach(b::label);
        Set<Integer> seen = new HashSet<>();
        for (Gpu g : inv.gpus()) {
            GpuVendor vendor = switch (g.vendor()) {
                case "nvidia" -> GpuVendor.NVIDIA;
                case "amd" -> GpuVendor.AMD;
                default -> null;
            };
            if (vendor == null || g.memoryBytes() <= 0 || g.index() < 0 || !seen.add(g.index())) {
                skipped.add(engineId(port) + " GPU " + g.index() + " (" + g.vendor() + ", " + g.source()
                        + "): VRAM unknown or not an NVIDIA/AMD GPU; declare it in HARPOON_ENGINE_INVENTORY");
                continue;
            }
            b.gpu(new GpuDevice(g.index(), vendor, g.model().isEmpty() ? g.vendor() : g.model(), g.memoryBytes()));
        }
        EngineInfo base = b.build();
        List<FpgaCard> fpgas = new ArrayList<>();
        for (Fpga f : inv.fpgas()) {
            fpgas.add(new FpgaCard(fpgas.size(), f.vendor(), f.family(), f.loadedBitstream(),
                    new HashSet<>(f.compatible())));
        }
        return new EngineInfo(base.id(), base.cpuMillis(), base.memoryBytes(), base.labels(), base.gpus(), fpgas);
    }
}
