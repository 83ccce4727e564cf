package io.harpoon.scheduler.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.scheduler.explain.ExplanationText;
import io.harpoon.scheduler.store.PlacementStore;
import io.harpoon.scheduler.store.StoredPlacement;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code harpoon placements [APP_ID...] [--data-dir DIR] [--all-engines] [--json]}: lists stored placements and refusals
 * with their explanations, read from the placement store. Exit code 0, or 1 when a named id has no row.
 *
 * <pre>
 *   llm2  PLACED on gpu-03 gpus [1]
 *     2/5 engines fit, chose gpu-03 (score 187): 3 no cuda device
 *     score gpu-03 187 [nodelabels 0, fpgacompat 0, spreadpack 87, earliestfinish 100] earliestfinish: no model
 * </pre>
 */
@Command(name = "placements", mixinStandardHelpOptions = true,
        description = "List ExApp placements and refusals with their explanations.")
public final class PlacementsCommand implements Callable<Integer> {
    /** Default data dir, the project-wide {@code HARPOON_DATA_DIR} default (README, kernels' placement table). */
    public static final String DEFAULT_DATA_DIR = "./data";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "${env:HARPOON_DATA_DIR:-" + DEFAULT_DATA_DIR + "}",
            description = "Data directory holding scheduler/placements.mv.db (default: $HARPOON_DATA_DIR or ./data).")
    Path dataDir;

    @Option(names = "--all-engines", description = "Also print every rejected engine with its reasons.")
    boolean allEngines;

    @Option(names = "--json", description = "One JSON object per line: id, state, reservation, explanation.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "APP_ID", description = "Only these ExApp ids.")
    List<String> appIds = List.of();

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        if (!PlacementStore.exists(dataDir)) {
            out.println("no placements (no store under " + dataDir.toAbsolutePath() + ")");
            out.flush();
            return appIds.isEmpty() ? 0 : 1;
        }
        int missing = 0;
        try (PlacementStore store = PlacementStore.open(dataDir)) {
            List<StoredPlacement> rows = store.list();
            if (!appIds.isEmpty()) {
                rows = rows.stream().filter(r -> appIds.contains(r.workloadId())).toList();
                missing = (int) appIds.stream().filter(id -> store.get(id).isEmpty()).count();
            }
            if (rows.isEmpty() && !json) {
                out.println("no placements");
            }
            for (StoredPlacement r : rows) {
                if (json) {
                    out.println(JSON.writeValueAsString(r));
                    continue;
                }
                out.print(r.workloadId() + "  " + r.state());
                Optional.ofNullable(r.reservation()).ifPresent(h -> {
                    out.print(" on " + h.engineId() + " " + h.kind().wireName());
                    if (!h.gpuIds().isEmpty()) {
                        out.print(" gpus " + h.gpuIds());
                    }
                    if (!h.fpgaIds().isEmpty()) {
                        out.print(" fpgas " + h.fpgaIds());
                    }
                });
                out.println();
                out.print(ExplanationText.render(r.explanation(), allEngines));
            }
        }
        out.flush();
        return missing == 0 ? 0 : 1;
    }
}
