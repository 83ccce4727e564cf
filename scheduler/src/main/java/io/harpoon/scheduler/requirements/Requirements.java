package io.harpoon.scheduler.requirements;

import static java.util.Objects.requireNonNull;

import io.harpoon.scheduler.api.Workload;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workload and where each of its numbers came from ("vram" -> "HARPOON_VRAM", "memory" -> "resource_limits",
 * "cpu" -> "default llm2 cpu mode"), so an explanation can say why the scheduler asked for 12 GiB.
 */
public record Requirements(Workload workload, Map<String, String> provenance) {
    public Requirements {
        requireNonNull(workload, "workload");
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(provenance, "provenance")));
    }
}
