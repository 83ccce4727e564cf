package io.harpoon.scheduler.framework;

import static io.harpoon.scheduler.testing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.scheduler.api.ClusterSnapshot;
import io.harpoon.scheduler.api.EngineInfo;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.api.Workload;
import io.harpoon.scheduler.plugins.StandardChain;
import io.harpoon.scheduler.requirements.RequirementsParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases exapp-contract.md §11-§12 asks to encode, with workloads sized by the parser's app-id defaults. */
class SpecCasesTest {
    static final Scheduler S = new Scheduler(StandardChain.build(SchedulerConfig.DEFAULTS));

    static Workload app(String appId, String device, Map<String, String> env) {
        return RequirementsParser.fromFields(appId, device, null, null, env).workload();
    }

    static List<Plan> placeAll(List<EngineInfo> engines, List<Workload> ws) {
        List<Reservation> held = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        for (Workload w : ws) {
            Plan p = S.schedule(ClusterSnapshot.of(engines, held), w);
            p.placement().ifPresent(pl -> held.add(pl.reservation()));
            plans.add(p);
        }
        return plans;
    }

    static Stream<Arguments> timeSlicing() {
        // KEDA guide: RTX 4090 24 GB -> 2-3 llm2 pods; RTX 5090 32 GB -> 3-4 (8 GiB + 512 MiB context each).
        return Stream.of(Arguments.of("RTX 4090", 24L, 2), Arguments.of("RTX 5090", 32L, 3));
    }

    @ParameterizedTest(name = "{0}: {2} llm2 replicas")
    @MethodSource("timeSlicing")
    void llm2ReplicasPerCard(String card, long gib, int expected) {
        List<Workload> replicas = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replicas.add(app("llm2", "cuda", Map.of()).withId("llm2-" + i));
        }
        long placed = placeAll(List.of(nvidia(card, 1, gib)), replicas).stream()
                .filter(p -> p.placement().isPresent()).count();
        assertEquals(expected, placed);
    }

    @Test
    void twoLlm2CopiesOnTwoRtx3090sOneGpuEach() {
        // app_api#596: one llm2 per GPU, which AppAPI could not express.
        Map<String, String> exclusive = Map.of(RequirementsParser.GPU_EXCLUSIVE, "true");
        List<Plan> plans = placeAll(List.of(nvidia("rtx3090x2", 2, 24)),
                List.of(app("llm2", "cuda", exclusive).withId("llm2-a"), app("llm2", "cuda", exclusive)
                        .withId("llm2-b"), app("llm2", "cuda", exclusive).withId("llm2-c")));
        assertEquals(List.of(0), plans.get(0).placement().orElseThrow().reservation().gpuIds());
        assertEquals(List.of(1), plans.get(1).placement().orElseThrow().reservation().gpuIds());
        assertEquals("0/1 engines fit: 1 no unshared GPU (need 1, max free 0)", plans.get(2).explanation().summary());
    }

    @Test
    void cpuHogsAreKeptAwayFromLatencySensitiveApps() {
        List<EngineInfo> engines = List.of(engine("big").cores(64).memoryGiB(256).build(),
                engine("other").cores(16).memoryGiB(32).build());
        List<Plan> plans = placeAll(engines, List.of(app("llm2", "cpu", Map.of()),
                app("live_transcription", "cpu", Map.of())));
        String hog = plans.get(0).placement().orElseThrow().engineId();
        String live = plans.get(1).placement().orElseThrow().engineId();
        assertEquals(hog.equals("big") ? "other" : "big", live);
        var verdict = plans.get(1).explanation().verdicts().stream().filter(v -> v.engineId().equals(hog))
                .findFirst().orElseThrow();
        assertEquals("anti-affinity conflict", verdict.reasons().get(0).text());
    }

    @Test
    void mixingCpuAndGpuAppsOnOneHost() {
        // §10: today this needs two daemons on one engine; here one engine takes both kinds.
        List<Plan> plans = placeAll(List.of(nvidia("mixed", 1, 24)), List.of(app("llm2", "cuda", Map.of()),
                app("text2speech_kokoro", "cpu", Map.of())));
        assertEquals("mixed", plans.get(0).placement().orElseThrow().engineId());
        assertEquals("mixed", plans.get(1).placement().orElseThrow().engineId());
    }
}
