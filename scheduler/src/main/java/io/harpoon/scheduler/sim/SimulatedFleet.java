package io.harpoon.scheduler.sim;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.GpuVendor;
import io.harpoon.scheduler.api.Sizes;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.requirements.AppSizing;
import io.harpoon.scheduler.requirements.RequirementsParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Deterministic fixtures for the simulation test and the benchmarks: a fleet shaped like HaRP's limit (1 local +
 * 99 remote engines, harp-contract.md §13) and ExApps drawn from the spec's sizing table. Same seed, same fleet.
 *
 * <table>
 *   <caption>Fleet mix (of {@code n} engines, by position modulo 20)</caption>
 *   <tr><th>Share</th><th>Engine</th></tr>
 *   <tr><td>6/20</td><td>CPU only, 16-128 cores, 64-1024 GiB</td></tr>
 *   <tr><td>9/20</td><td>NVIDIA, 1-8 GPUs of 24, 48, 80 or 141 GiB</td></tr>
 *   <tr><td>3/20</td><td>AMD ROCm, 1-8 GPUs of 64 or 192 GiB</td></tr>
 *   <tr><td>2/20</td><td>FPGA, 1-4 cards (alveo-u250 / agilex7)</td></tr>
 * </table>
 */
public final class SimulatedFleet {
    /** The HaRP topology limit of remote engines. */
    public static final int HARP_REMOTE_ENGINES = 99;
    /** Bitstreams FPGA workloads and cards use. */
    public static final List<String> BITSTREAMS = List.of("crc32c-v2", "aes-gcm-v1", "resnet50-int8");

    private static final long[] NVIDIA_GIB = {24, 48, 80, 141};
    private static final String[] NVIDIA_MODEL = {"RTX 4090", "L40S", "A100 80GB", "H200"};
    private static final long[] AMD_GIB = {64, 192};
    private static final String[] AMD_MODEL = {"MI210", "MI300X"};

    private SimulatedFleet() {
    }

    public static List<EngineInfo> engines(int n, long seed) {
        Random rnd = new Random(seed);
        List<EngineInfo> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = i % 20;
            String zone = "zone-" + (char) ('a' + rnd.nextInt(3));
            EngineInfo.Builder b = EngineInfo.builder(String.format("engine-%02d", i + 1))
                    .cores(16L << rnd.nextInt(4)).memoryGiB(64L << rnd.nextInt(5)).label("zone", zone);
            if (slot < 6) {
                b.label("class", "cpu");
            } else if (slot < 15) {
                int t = rnd.nextInt(NVIDIA_GIB.length);
                b.label("class", "gpu").gpus(1 + rnd.nextInt(8), GpuVendor.NVIDIA, NVIDIA_MODEL[t], NVIDIA_GIB[t]);
            } else if (slot < 18) {
                int t = rnd.nextInt(AMD_GIB.length);
                b.label("class", "gpu").gpus(1 + rnd.nextInt(8), GpuVendor.AMD, AMD_MODEL[t], AMD_GIB[t]);
            } else {
                b.label("class", "fpga");
                int cards = 1 + rnd.nextInt(4);
                for (int c = 0; c < cards; c++) {
                    String family = rnd.nextBoolean() ? "alveo-u250" : "agilex7";
                    String loaded = BITSTREAMS.get(rnd.nextInt(BITSTREAMS.size()));
                    b.fpga(family.startsWith("alveo") ? "xilinx" : "intel", family, loaded,
                            BITSTREAMS.toArray(String[]::new));
                }
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * {@code n} ExApps with unique ids ({@code <app>-<nnnn>}, as many Nextcloud instances would deploy), sized by
     * {@link RequirementsParser} from the app-id defaults, so the table in the spec is what gets placed.
     * About 60% cuda, 12% rocm, 25% cpu, 3% fpga; 2% ask for an exclusive GPU, 2% for two 40 GiB GPUs.
     */
    public static List<Workload> exApps(int n, long seed) {
        Random rnd = new Random(seed);
        List<String> apps = new ArrayList<>(AppSizing.table().keySet());
        List<Workload> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String app = apps.get(rnd.nextInt(apps.size()));
            String id = String.format("%s-%04d", app, i);
            int roll = rnd.nextInt(100);
            String device = roll < 60 ? "cuda" : roll < 72 ? "rocm" : roll < 97 ? "cpu" : "fpga";
            if (app.equals("text2speech_kokoro")) {
                device = "cpu";
            }
            Map<String, String> env = new TreeMap<>();
            if (device.equals("fpga")) {
                env.put(RequirementsParser.COMPUTE_DEVICE, "fpga");
                env.put(RequirementsParser.FPGA_BITSTREAM, BITSTREAMS.get(rnd.nextInt(BITSTREAMS.size())));
                device = "cpu";
            }
            int extra = rnd.nextInt(100);
            if (!device.equals("cpu") && extra < 2) {
                env.put(RequirementsParser.GPU_EXCLUSIVE, "true");
            } else if (!device.equals("cpu") && extra < 4) {
                env.put(RequirementsParser.GPUS, "2");
                env.put(RequirementsParser.VRAM, "40GiB");
            }
            Workload w = RequirementsParser.fromFields(id, device, null, null, env).workload();
            // Performance models are kept per app, not per instance.
            out.add(w.toBuilder().modelKey(app).build());
        }
        return out;
    }

    /** Total VRAM of the fleet's GPUs of {@code kind}. */
    public static long vramCapacity(List<EngineInfo> engines, DeviceKind kind) {
        return engines.stream().flatMap(e -> e.gpusOf(kind).stream()).mapToLong(g -> g.memoryBytes()).sum();
    }

    public static String gib(long bytes) {
        return Sizes.bytes(bytes);
    }
}
