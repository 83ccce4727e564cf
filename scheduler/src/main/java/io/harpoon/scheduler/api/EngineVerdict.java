package io.harpoon.scheduler.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How one engine fared: SUCCESS with its score, or the first failing plugin with every reason it gave.
 *
 * @param engineId engine
 * @param code     SUCCESS, FILTERED or EXHAUSTED
 * @param plugin   plugin that rejected the engine ("" when it fits)
 * @param reasons  every failing reason of that plugin
 */
public record EngineVerdict(String engineId, Code code, String plugin, List<Reason> reasons) {
    public EngineVerdict {
        requireNonNull(engineId, "engineId");
        requireNonNull(code, "code");
        requireNonNull(plugin, "plugin");
        reasons = List.copyOf(requireNonNull(reasons, "reasons"));
    }

    public boolean fits() {
        return code == Code.SUCCESS;
    }
}
