package io.harpoon.scheduler.plugins.antiaffinity;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Workload;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AntiAffinityTest {
    static final EngineInfo E = cpuEngine("e");

    static Reservation resident(String id, String... avoids) {
        return new Reservation(id, "e", DeviceKind.CPU, List.of(), 0, false, List.of(), 0, 0, Set.of(avoids), id);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("empty engine", Workload.builder("llm2").avoid("live_transcription").build(),
                        new Reservation[0], "SUCCESS"),
                Arguments.of("workload avoids a resident", Workload.builder("llm2").avoid("live_transcription")
                        .build(), new Reservation[] {resident("live_transcription")}, "FILTERED anti-affinity conflict"),
                Arguments.of("a resident avoids the workload", Workload.builder("live_transcription").build(),
                        new Reservation[] {resident("llm2", "live_transcription")},
                        "FILTERED anti-affinity conflict"),
                Arguments.of("unrelated residents", Workload.builder("llm2").avoid("live_transcription").build(),
                        new Reservation[] {resident("translate2", "x")}, "SUCCESS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void filter(String name, Workload w, Reservation[] rs, String expected) {
        assertEquals(expected, brief(new AntiAffinity().filter(cycle(w, E, rs), w, state(E, rs))));
    }
}
