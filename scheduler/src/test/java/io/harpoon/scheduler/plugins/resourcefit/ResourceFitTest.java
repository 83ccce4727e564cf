package io.harpoon.scheduler.plugins.resourcefit;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Sizes;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.Status;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceFitTest {
    static final EngineInfo RTX = nvidia("rtx", 1, 24);
    static final EngineInfo TWO = nvidia("two", 2, 24);
    static final long HALF_GIB = Sizes.mib(512);

    /** Spec sizes with the 512 MiB context overhead, as RequirementsParser produces them. */
    static Reservation gpuHeld(String id, String engine, long vramBytes, boolean exclusive, Integer... gpus) {
        return new Reservation(id, engine, DeviceKind.CUDA, List.of(gpus), vramBytes, exclusive, List.of(), 0, 0,
                Set.of(), id);
    }

    static Workload gpuWork(long vramBytes) {
        return Workload.builder("w").kind(DeviceKind.CUDA).gpus(1, vramBytes).build();
    }

    static Stream<Arguments> table() {
        long llm2 = Sizes.gib(8) + HALF_GIB;
        long sd2 = Sizes.gib(8) + HALF_GIB;
        long translate2 = Sizes.gib(4) + HALF_GIB;
        return Stream.of(
                Arguments.of("cpu fits an empty engine", Workload.builder("w").cores(8).memoryGiB(12).build(),
                        cpuEngine("e"), new Reservation[0], "SUCCESS"),
                Arguments.of("cpu short of free cores", Workload.builder("w").cores(8).build(), cpuEngine("e"),
                        new Reservation[] {heldRam("x", "e", 0, 30)}, "EXHAUSTED insufficient CPU"),
                Arguments.of("cpu above engine total", Workload.builder("w").cores(64).build(), cpuEngine("e"),
                        new Reservation[0], "FILTERED CPU above engine total"),
                Arguments.of("ram short of free", Workload.builder("w").memoryGiB(12).build(), cpuEngine("e"),
                        new Reservation[] {heldRam("x", "e", 120, 0)}, "EXHAUSTED insufficient RAM"),
                Arguments.of("ram above engine total", Workload.builder("w").memoryGiB(200).build(), cpuEngine("e"),
                        new Reservation[0], "FILTERED RAM above engine total"),
                Arguments.of("spec: 24 GiB card takes llm2 + SD2 + translate2", gpuWork(translate2), RTX,
                        new Reservation[] {gpuHeld("llm2", "rtx", llm2, false, 0), gpuHeld("sd2", "rtx", sd2, false, 0)},
                        "SUCCESS"),
                Arguments.of("spec: 24 GiB card refuses two llm2 plus flux", gpuWork(Sizes.gib(8) + HALF_GIB), RTX,
                        new Reservation[] {gpuHeld("a", "rtx", llm2, false, 0), gpuHeld("b", "rtx", llm2, false, 0)},
                        "EXHAUSTED insufficient VRAM"),
                Arguments.of("vram is per GPU: two 6 GiB holes are not 8 GiB", gpuWork(Sizes.gib(8)), TWO,
                        new Reservation[] {gpuHeld("a", "two", Sizes.gib(18), false, 0),
                                gpuHeld("b", "two", Sizes.gib(18), false, 1)}, "EXHAUSTED insufficient VRAM"),
                Arguments.of("second GPU has room", gpuWork(Sizes.gib(8)), TWO,
                        new Reservation[] {gpuHeld("a", "two", Sizes.gib(18), false, 0)}, "SUCCESS"),
                Arguments.of("model larger than any card", gpuWork(Sizes.gib(40)), TWO, new Reservation[0],
                        "FILTERED GPU too small"),
                Arguments.of("too few GPUs", Workload.builder("w").kind(DeviceKind.CUDA).gpus(3, Sizes.gib(1))
                        .build(), TWO, new Reservation[0], "FILTERED too few GPUs"),
                Arguments.of("exclusively held GPU is not usable", gpuWork(Sizes.gib(1)), RTX,
                        new Reservation[] {gpuHeld("x", "rtx", Sizes.gib(1), true, 0)}, "EXHAUSTED insufficient VRAM"),
                Arguments.of("exclusive request needs an unshared GPU",
                        Workload.builder("w").kind(DeviceKind.CUDA).gpus(1, Sizes.gib(1)).exclusiveGpu(true).build(),
                        RTX, new Reservation[] {gpuHeld("x", "rtx", Sizes.gib(1), false, 0)},
                        "EXHAUSTED no unshared GPU"),
                Arguments.of("exclusive request: the only unshared GPU is too small",
                        Workload.builder("w").kind(DeviceKind.CUDA).gpus(1, Sizes.gib(16)).exclusiveGpu(true).build(),
                        engine("mix").gpu(new io.harpoon.scheduler.api.GpuDevice(0,
                                io.harpoon.scheduler.api.GpuVendor.NVIDIA, "small", Sizes.gib(8)))
                                .gpu(new io.harpoon.scheduler.api.GpuDevice(1,
                                        io.harpoon.scheduler.api.GpuVendor.NVIDIA, "big", Sizes.gib(24))).build(),
                        new Reservation[] {gpuHeld("x", "mix", Sizes.gib(1), false, 1)}, "EXHAUSTED no unshared GPU"),
                Arguments.of("exclusive request takes the free GPU",
                        Workload.builder("w").kind(DeviceKind.CUDA).gpus(1, Sizes.gib(1)).exclusiveGpu(true).build(),
                        TWO, new Reservation[] {gpuHeld("x", "two", Sizes.gib(1), false, 0)}, "SUCCESS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void filter(String name, Workload w, EngineInfo e, Reservation[] rs, String expected) {
        assertEquals(expected, brief(new ResourceFit().filter(cycle(w, e, rs), w, state(e, rs))));
    }

    @Test
    void reportsEveryShortResourceWithNumbers() {
        Workload w = Workload.builder("w").kind(DeviceKind.CUDA).gpus(1, Sizes.gib(8)).memoryGiB(12).cores(8).build();
        EngineInfo e = nvidia("e", 1, 24);
        Reservation[] rs = {heldRam("x", "e", 120, 30), held("y", "e", DeviceKind.CUDA, 18, 0)};
        Status s = new ResourceFit().filter(cycle(w, e, rs), w, state(e, rs));
        List<String> described = s.reasons().stream().map(Reason::describe).toList();
        assertEquals(List.of("insufficient CPU (need 8 cores, free 2 cores of 32 cores)",
                "insufficient RAM (need 12 GiB, free 8 GiB of 128 GiB)",
                "insufficient VRAM (need 8 GiB, free 6 GiB of 24 GiB)"), described);
    }
}
