package io.harpoon.scheduler.plugins.spreadpack;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.Policy;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpreadPackTest {
    /** 32 cores, 128 GiB. */
    static final EngineInfo CPU = cpuEngine("c");
    /** Plus 2 x 24 GiB. */
    static final EngineInfo GPU = nvidia("g", 2, 24);

    static Stream<Arguments> table() {
        Workload quarter = Workload.builder("w").cores(8).memoryGiB(32).build();
        Workload gpuHalf = Workload.builder("w").kind(DeviceKind.CUDA).gpus(1, 24L << 30).cores(0).build();
        return Stream.of(
                // name, policy, workload, engine, reservations, score
                Arguments.of("pack: empty engine, 25% after placing", Policy.PACK, quarter, CPU, new Reservation[0],
                        25L),
                Arguments.of("pack: half-used engine scores higher", Policy.PACK, quarter, CPU,
                        new Reservation[] {heldRam("x", "c", 32, 8)}, 50L),
                Arguments.of("spread: empty engine scores higher", Policy.SPREAD, quarter, CPU, new Reservation[0],
                        75L),
                Arguments.of("spread: half-used engine", Policy.SPREAD, quarter, CPU,
                        new Reservation[] {heldRam("x", "c", 32, 8)}, 50L),
                Arguments.of("gpu work counts VRAM too: cpu 0%, ram 0%, vram 50%", Policy.PACK, gpuHalf, GPU,
                        new Reservation[0], 16L),
                Arguments.of("over-full input clamps at 100%", Policy.PACK, quarter, CPU,
                        new Reservation[] {heldRam("x", "c", 200, 40)}, 100L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void score(String name, Policy policy, Workload w, EngineInfo e, Reservation[] rs, long expected) {
        assertEquals(expected, new SpreadPack(policy).score(cycle(w, e, rs), w, state(e, rs)));
    }
}
