package io.harpoon.scheduler.plugins.nodelabels;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Workload;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeLabelsTest {
    static final EngineInfo EU = engine("eu").label("zone", "eu").label("nvlink", "yes").build();
    static final EngineInfo US = engine("us").label("zone", "us").build();

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("no required labels", Workload.builder("a").build(), US, "SUCCESS"),
                Arguments.of("required label matches", Workload.builder("a").require("zone", "eu").build(), EU,
                        "SUCCESS"),
                Arguments.of("required label differs", Workload.builder("a").require("zone", "eu").build(), US,
                        "FILTERED required label missing"),
                Arguments.of("required label absent", Workload.builder("a").require("nvlink", "yes").build(), US,
                        "FILTERED required label missing"),
                Arguments.of("preferred labels never filter", Workload.builder("a").prefer("zone", "eu").build(),
                        US, "SUCCESS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void filter(String name, Workload w, EngineInfo e, String expected) {
        assertEquals(expected, brief(new NodeLabels().filter(cycle(w, e), w, state(e))));
    }

    static Stream<Arguments> scores() {
        Workload both = Workload.builder("a").prefer("zone", "eu").prefer("nvlink", "yes").build();
        return Stream.of(
                Arguments.of("nothing preferred scores 0", Workload.builder("a").build(), EU, 0L),
                Arguments.of("all preferred match", both, EU, 100L),
                Arguments.of("half of preferred match", Workload.builder("a").prefer("zone", "us")
                        .prefer("nvlink", "yes").build(), EU, 50L),
                Arguments.of("none match", both, US, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scores")
    void score(String name, Workload w, EngineInfo e, long expected) {
        assertEquals(expected, new NodeLabels().score(cycle(w, e), w, state(e)));
    }
}
