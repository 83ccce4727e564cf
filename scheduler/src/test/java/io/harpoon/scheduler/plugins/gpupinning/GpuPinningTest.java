package io.harpoon.scheduler.plugins.gpupinning;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.GpuDevice;
import io.harpoon.scheduler.api.GpuVendor;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Sizes;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.framework.Policy;
import io.harpoon.scheduler.framework.ReservationDraft;
import io.harpoon.scheduler.framework.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GpuPinningTest {
    /** GPUs 0..3 of 24 GiB; 0 has 4 GiB free, 1 has 14, 2 and 3 are empty. */
    static final EngineInfo FOUR = nvidia("four", 4, 24);
    static final Reservation[] PARTLY = {held("a", "four", DeviceKind.CUDA, 20, 0), held("b", "four",
            DeviceKind.CUDA, 10, 1)};
    static final EngineInfo MIXED = engine("mixed").gpu(new GpuDevice(0, GpuVendor.NVIDIA, "rtx", Sizes.gib(24)))
            .gpu(new GpuDevice(1, GpuVendor.AMD, "mi", Sizes.gib(64))).build();

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("no pin passes", cuda("w", 8).build(), FOUR, PARTLY, "SUCCESS"),
                Arguments.of("pinned GPU with room", cuda("w", 8).pin(2).build(), FOUR, PARTLY, "SUCCESS"),
                Arguments.of("pinned GPU is full", cuda("w", 8).pin(0).build(), FOUR, PARTLY,
                        "EXHAUSTED pinned GPU busy"),
                Arguments.of("pinned index absent", cuda("w", 8).pin(7).build(), FOUR, PARTLY,
                        "FILTERED pinned GPU missing"),
                Arguments.of("pinned GPU of another vendor", cuda("w", 8).pin(1).build(), MIXED, new Reservation[0],
                        "FILTERED pinned GPU missing"),
                Arguments.of("cpu ignores pins", Workload.builder("w").build(), FOUR, PARTLY, "SUCCESS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void filter(String name, Workload w, EngineInfo e, Reservation[] rs, String expected) {
        assertEquals(expected, brief(new GpuPinning(Policy.PACK).filter(cycle(w, e, rs), w, state(e, rs))));
    }

    static Stream<Arguments> choices() {
        Workload two = Workload.builder("w").kind(DeviceKind.CUDA).gpus(2, Sizes.gib(4)).build();
        return Stream.of(
                Arguments.of("pack: best fit takes the fullest GPU that fits", cuda("w", 4).build(), Policy.PACK,
                        List.of(0)),
                Arguments.of("pack: 8 GiB skips GPU 0 (4 free) for GPU 1 (14 free)", cuda("w", 8).build(),
                        Policy.PACK, List.of(1)),
                Arguments.of("spread: emptiest GPU, lowest index on ties", cuda("w", 4).build(), Policy.SPREAD,
                        List.of(2)),
                Arguments.of("pack: two GPUs, fullest first, ids sorted", two, Policy.PACK, List.of(0, 1)),
                Arguments.of("spread: two GPUs, emptiest first", two, Policy.SPREAD, List.of(2, 3)),
                Arguments.of("exclusive never takes a shared GPU",
                        cuda("w", 1).exclusiveGpu(true).build(), Policy.PACK, List.of(2)),
                Arguments.of("pins are kept as given", cuda("w", 1).pin(3).build(), Policy.PACK, List.of(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void reserve(String name, Workload w, Policy policy, List<Integer> expected) {
        ReservationDraft d = new ReservationDraft();
        Status s = new GpuPinning(policy).reserve(cycle(w, FOUR, PARTLY), w, state(FOUR, PARTLY), d);
        assertEquals("SUCCESS", brief(s));
        assertEquals(expected, d.gpuIds());
    }
}
