package io.harpoon.gateway.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.engines.registry.Engine;
import io.harpoon.engines.registry.EngineView;
import io.harpoon.engines.registry.Fpga;
import io.harpoon.engines.registry.Gpu;
import io.harpoon.engines.registry.Inventory;
import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PoolInventoryTest {
    static Inventory inv(List<Gpu> gpus, List<Fpga> fpgas) {
        return new Inventory("28.0", "linux", 16, 64L << 30, List.of("runc"), List.of(), gpus, List.of(), fpgas,
                Map.of("zone", "eu"), true);
    }

    static EngineView view(int port, Engine.Status status, Inventory inv) {
        return new EngineView(port, "e" + port, "test", status, "", Instant.EPOCH, "1.47", "1.44", inv);
    }

    @Test
    void upEnginesOnlyNamedByPortWithSizedGpusAndDeclaredFpgas() {
        List<String> skipped = new ArrayList<>();
        List<EngineInfo> out = PoolInventory.of(List.of(
                view(24000, Engine.Status.UP, inv(List.of(), List.of())),
                view(24001, Engine.Status.UP, inv(List.of(new Gpu("nvidia", 0, "H100", 80L << 30, "declared"),
                        new Gpu("amd", 1, "MI300", 192L << 30, "declared"), new Gpu("nvidia", 2, "", 0, "cdi")),
                        List.of(new Fpga("xilinx", "alveo-u250", "/dev/xclmgmt0", "xdma", List.of("crc32c"))))),
                view(24002, Engine.Status.DOWN, inv(List.of(), List.of()))), skipped);
        assertEquals(List.of("engine-24000", "engine-24001"), out.stream().map(EngineInfo::id).toList());
        EngineInfo gpu = out.get(1);
        assertEquals(16_000, gpu.cpuMillis());
        assertEquals(64L << 30, gpu.memoryBytes());
        assertEquals("eu", gpu.labels().get("zone"));
        assertEquals(1, gpu.gpusOf(DeviceKind.CUDA).size());
        assertEquals(1, gpu.gpusOf(DeviceKind.ROCM).size());
        assertTrue(gpu.fpgas().get(0).canRun("crc32c"));
        assertEquals(1, skipped.size(), "the CDI GPU has no known VRAM: " + skipped);
        assertTrue(skipped.get(0).contains("HARPOON_ENGINE_INVENTORY"));
    }

    @Test
    void engineIdsMapBackToPorts() {
        assertEquals(OptionalInt.of(24001), PoolInventory.port(PoolInventory.engineId(24001)));
        assertEquals(OptionalInt.empty(), PoolInventory.port("gpu-03"));
        assertEquals(OptionalInt.empty(), PoolInventory.port("engine-x"));
    }
}
