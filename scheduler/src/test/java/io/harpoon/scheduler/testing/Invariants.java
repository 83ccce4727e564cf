package io.harpoon.scheduler.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.FpgaCard;
import io.harpoon.scheduler.api.GpuDevice;
import io.harpoon.scheduler.api.Reservation;
import java.util.List;

/** Capacity invariants every set of committed reservations must satisfy. */
public final class Invariants {
    private Invariants() {
    }

    /** No engine's RAM, CPU, any GPU's VRAM is over-committed; exclusive GPUs and FPGA cards are not shared. */
    public static void assertNothingOverCommitted(List<EngineInfo> engines, List<Reservation> held) {
        for (EngineInfo e : engines) {
            List<Reservation> on = held.stream().filter(r -> r.engineId().equals(e.id())).toList();
            assertTrue(on.stream().mapToLong(Reservation::memoryBytes).sum() <= e.memoryBytes(), "RAM on " + e.id());
            assertTrue(on.stream().mapToLong(Reservation::cpuMillis).sum() <= e.cpuMillis(), "CPU on " + e.id());
            for (GpuDevice g : e.gpus()) {
                List<Reservation> users = on.stream().filter(r -> r.gpuIds().contains(g.index())).toList();
                long vram = users.stream().mapToLong(Reservation::vramPerGpuBytes).sum();
                assertTrue(vram <= g.memoryBytes(), "VRAM on " + e.id() + "/" + g.index() + ": " + vram);
                if (users.stream().anyMatch(Reservation::exclusiveGpu)) {
                    assertEquals(1, users.size(), "exclusive GPU " + e.id() + "/" + g.index() + " shared");
                }
            }
            for (FpgaCard c : e.fpgas()) {
                assertTrue(on.stream().filter(r -> r.fpgaIds().contains(c.index())).count() <= 1,
                        "FPGA card shared on " + e.id());
            }
        }
    }
}
