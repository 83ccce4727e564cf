package io.harpoon.scheduler.plugins.volumeaffinity;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Workload;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VolumeAffinityTest {
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("no home: any engine", Workload.builder("llm2").build(), cpuEngine("a"), "SUCCESS"),
                Arguments.of("home engine", Workload.builder("llm2").home("a").build(), cpuEngine("a"), "SUCCESS"),
                Arguments.of("other engine", Workload.builder("llm2").home("a").build(), cpuEngine("b"),
                        "FILTERED data volume on another engine"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void filter(String name, Workload w, EngineInfo e, String expected) {
        assertEquals(expected, brief(new VolumeAffinity().filter(cycle(w, e), w, state(e))));
    }
}
