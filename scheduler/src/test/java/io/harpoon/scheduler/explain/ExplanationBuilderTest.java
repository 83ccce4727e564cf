package io.harpoon.scheduler.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.scheduler.api.Code;
import io.harpoon.scheduler.api.EngineVerdict;
import io.harpoon.scheduler.api.Explanation;
import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.ScoreLine;
import io.harpoon.scheduler.api.Sizes;
import io.harpoon.scheduler.api.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationBuilderTest {
    static EngineVerdict vram(String id, long freeGiB) {
        return new EngineVerdict(id, Code.EXHAUSTED, "resourcefit", List.of(Reason.exhausted("resourcefit",
                "insufficient VRAM", Unit.BYTES, Sizes.gib(8), Sizes.gib(freeGiB), Sizes.gib(24))));
    }

    static EngineVerdict noCuda(String id) {
        return new EngineVerdict(id, Code.FILTERED, "devicekind", List.of(Reason.filtered("devicekind",
                "no cuda device")));
    }

    @Test
    void refusalSummaryMatchesTheIssueExample() {
        List<EngineVerdict> v = List.of(vram("e1", 6), noCuda("e2"), vram("e3", 2), noCuda("e4"), vram("e5", 0),
                noCuda("e6"), vram("e7", 4));
        Explanation x = ExplanationBuilder.build("llm2", v, List.of(), "", 3);
        assertEquals("0/7 engines fit: 4 insufficient VRAM (need 8 GiB, max free 6 GiB), 3 no cuda device",
                x.summary());
        assertEquals(Map.of("no cuda device", 3), x.filtered());
        assertEquals(Map.of("insufficient VRAM", 4), x.exhausted());
        assertEquals(0, x.feasible());
        assertEquals("", x.chosen());
    }

    @Test
    void placedSummaryNamesChoiceScoreAndRejections() {
        List<EngineVerdict> v = new ArrayList<>(List.of(noCuda("e1"), vram("e2", 3)));
        v.add(new EngineVerdict("e3", Code.SUCCESS, "", List.of()));
        v.add(new EngineVerdict("e4", Code.SUCCESS, "", List.of()));
        List<ScoreLine> ranked = List.of(new ScoreLine("e4", 180, Map.of("spreadpack", 80L), List.of()),
                new ScoreLine("e3", 120, Map.of("spreadpack", 20L), List.of()));
        Explanation x = ExplanationBuilder.build("llm2", v, ranked, "e4", 1);
        assertEquals("2/4 engines fit, chose e4 (score 180): 1 no cuda device, "
                + "1 insufficient VRAM (need 8 GiB, max free 3 GiB)", x.summary());
        assertEquals(1, x.topScores().size(), "top-K keeps K lines");
        assertEquals(4, x.verdicts().size());
    }

    @Test
    void filteredReasonsWithNumbersShowCapacity() {
        EngineVerdict few = new EngineVerdict("e1", Code.FILTERED, "resourcefit", List.of(new Reason("resourcefit",
                Code.FILTERED, "too few GPUs", Unit.COUNT, 2, 1, 1)));
        assertEquals("0/1 engines fit: 1 too few GPUs (need 2, max 1)",
                ExplanationBuilder.build("w", List.of(few), List.of(), "", 3).summary());
    }

    @Test
    void noEngines() {
        assertEquals("0/0 engines fit: no engines registered",
                ExplanationBuilder.build("w", List.of(), List.of(), "", 3).summary());
    }

    @Test
    void textRenderingListsScoresAndRejectedEngines() {
        List<EngineVerdict> v = List.of(noCuda("e1"), new EngineVerdict("e2", Code.SUCCESS, "", List.of()));
        Map<String, Long> by = new java.util.LinkedHashMap<>();
        by.put("spreadpack", 50L);
        by.put("earliestfinish", 100L);
        List<ScoreLine> ranked = List.of(new ScoreLine("e2", 150, by, List.of("earliestfinish: no model")));
        String text = ExplanationText.render(ExplanationBuilder.build("w", v, ranked, "e2", 3), true);
        assertEquals("""
                  1/2 engines fit, chose e2 (score 150): 1 no cuda device
                    score e2 150 [spreadpack 50, earliestfinish 100] earliestfinish: no model
                    filtered: 1 no cuda device
                    e1: devicekind: no cuda device
                """, text);
    }
}
