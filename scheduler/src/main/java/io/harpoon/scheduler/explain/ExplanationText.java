package io.harpoon.scheduler.explain;

import io.harpoon.scheduler.api.EngineVerdict;
import io.harpoon.scheduler.api.Explanation;
import io.harpoon.scheduler.api.Reason;
import io.harpoon.scheduler.api.ScoreLine;
import java.util.Map;
import java.util.stream.Collectors;

/** Multi-line text rendering of an {@link Explanation}, for {@code harpoon placements} and logs. */
public final class ExplanationText {
    private ExplanationText() {
    }

    public static String render(Explanation e, boolean allEngines) {
        StringBuilder b = new StringBuilder();
        b.append("  ").append(e.summary()).append('\n');
        for (ScoreLine s : e.topScores()) {
            String parts = s.byPlugin().entrySet().stream().map(en -> en.getKey() + " " + en.getValue())
                    .collect(Collectors.joining(", "));
            b.append("    score ").append(s.engineId()).append(' ').append(s.total()).append(" [").append(parts)
                    .append(']');
            if (!s.notes().isEmpty()) {
                b.append(" ").append(String.join("; ", s.notes()));
            }
            b.append('\n');
        }
        if (!e.filtered().isEmpty()) {
            b.append("    filtered: ").append(counts(e.filtered())).append('\n');
        }
        if (!e.exhausted().isEmpty()) {
            b.append("    exhausted: ").append(counts(e.exhausted())).append('\n');
        }
        if (allEngines) {
            for (EngineVerdict v : e.verdicts()) {
                if (v.fits()) {
                    continue;
                }
                b.append("    ").append(v.engineId()).append(": ").append(v.plugin()).append(": ")
                        .append(v.reasons().stream().map(Reason::describe).collect(Collectors.joining(", ")))
                        .append('\n');
            }
        }
        return b.toString();
    }

    private static String counts(Map<String, Integer> m) {
        return m.entrySet().stream().map(en -> en.getValue() + " " + en.getKey()).collect(Collectors.joining(", "));
    }
}
