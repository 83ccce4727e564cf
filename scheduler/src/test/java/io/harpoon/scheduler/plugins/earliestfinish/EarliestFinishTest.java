package io.harpoon.scheduler.plugins.earliestfinish;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Sizes;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.model.PerfModel;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EarliestFinishTest {
    static final EngineInfo G = nvidia("g", 1, 24);

    static PerfModel samples(String key, double seconds, int n) {
        PerfModel.Builder b = PerfModel.builder().bandwidth("g", Sizes.gib(8));
        for (int i = 0; i < n; i++) {
            b.sample(key, "g", seconds);
        }
        return b.build();
    }

    static Stream<Arguments> table() {
        Workload llm = cuda("llm2", 8).modelKey("llm2").transferBytes(Sizes.gib(4)).build();
        Workload cpu = Workload.builder("kokoro").transferBytes(Sizes.gib(4)).build();
        PerfModel both = PerfModel.builder().bandwidth("g", Sizes.gib(8)).sample("llm2", "g", 2).sample("llm2", "g", 2)
                .sample("llm2", "g", 2).sample("llm2", "g", 2).sample("llm2", "g", 2).sample("sd2", "g", 3)
                .sample("sd2", "g", 3).sample("sd2", "g", 3).sample("sd2", "g", 3).sample("sd2", "g", 3).build();
        return Stream.of(
                // name, workload, model, reservations, raw score (ms), note
                Arguments.of("never measured", llm, PerfModel.EMPTY, new Reservation[0], -1L, "no model"),
                Arguments.of("too few samples says calibrating", llm, samples("llm2", 2, 4), new Reservation[0], -1L,
                        "calibrating (4/5 samples)"),
                Arguments.of("run + transfer (4 GiB at 8 GiB/s)", llm, samples("llm2", 2, 5), new Reservation[0],
                        2500L, "finish 2.5 s (queue 0.0 + run 2.0 + transfer 0.5)"),
                Arguments.of("a modelled resident of the same kind queues ahead", llm, both,
                        new Reservation[] {held("sd2", "g", DeviceKind.CUDA, 8, 0)}, 5500L,
                        "finish 5.5 s (queue 3.0 + run 2.0 + transfer 0.5)"),
                Arguments.of("cpu work has no transfer", cpu.toBuilder().modelKey("llm2").build(),
                        samples("llm2", 2, 5), new Reservation[0], 2000L,
                        "finish 2.0 s (queue 0.0 + run 2.0 + transfer 0.0)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void estimate(String name, Workload w, PerfModel m, Reservation[] rs, long raw, String note) {
        EarliestFinish p = new EarliestFinish();
        var c = cycle(w, G, m, rs);
        assertEquals(raw, p.score(c, w, state(G, rs)));
        assertEquals(note, p.note(c, w, state(G, rs)));
    }

    @Test
    void normalizesEarliestTo100LatestTo0AndUnknownToNeutral() {
        long[] s = {2000, 6000, -1, 4000};
        new EarliestFinish().normalize(null, null, s);
        assertArrayEquals(new long[] {100, 0, EarliestFinish.UNKNOWN_SCORE, 50}, s);
    }

    @Test
    void allEqualOrAllUnknownNeverDecides() {
        long[] same = {3000, 3000};
        new EarliestFinish().normalize(null, null, same);
        assertArrayEquals(new long[] {100, 100}, same);
        long[] unknown = {-1, -1};
        new EarliestFinish().normalize(null, null, unknown);
        assertArrayEquals(new long[] {50, 50}, unknown);
    }
}
