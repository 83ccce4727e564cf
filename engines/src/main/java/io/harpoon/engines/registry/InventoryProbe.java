package io.harpoon.engines.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an {@link Inventory} out of the engine's {@code GET /info} document. Stateless.
 *
 * <table>
 *   <caption>Fields used</caption>
 *   <tr><td>{@code NCPU}, {@code MemTotal}</td><td>cpus, memory</td></tr>
 *   <tr><td>{@code Runtimes}</td><td>runtime names ({@code nvidia} = CUDA capable, GPUs unknown)</td></tr>
 *   <tr><td>{@code DiscoveredDevices[].ID}</td><td>CDI devices (Docker 28+): {@code nvidia.com/gpu=0} becomes an
 *       NVIDIA GPU with index 0, {@code amd.com/gpu=1} an AMD one</td></tr>
 *   <tr><td>{@code Labels}</td><td>{@code key=value} engine labels (scheduler label filters)</td></tr>
 * </table>
 */
public final class InventoryProbe {
    private static final Pattern CDI_GPU = Pattern.compile("^(nvidia\\.com|amd\\.com)/gpu=(\\d+)$");

    private InventoryProbe() {
    }

    public static Inventory fromInfo(JsonNode info) {
        List<String> runtimes = new ArrayList<>();
        info.path("Runtimes").fieldNames().forEachRemaining(runtimes::add);
        runtimes.sort(null);
        List<String> cdi = new ArrayList<>();
        List<Gpu> gpus = new ArrayList<>();
        for (JsonNode d : info.path("DiscoveredDevices")) {
            String id = d.path("ID").asText("");
            if (id.isEmpty()) {
                continue;
            }
            cdi.add(id);
            Matcher m = CDI_GPU.matcher(id);
            if (m.matches()) {
                gpus.add(new Gpu(m.group(1).startsWith("nvidia") ? "nvidia" : "amd", Integer.parseInt(m.group(2)),
                        "", 0, "cdi"));
            }
        }
        Map<String, String> labels = new HashMap<>();
        for (JsonNode l : info.path("Labels")) {
            String s = l.asText("");
            int eq = s.indexOf('=');
            if (eq > 0) {
                labels.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        return new Inventory(info.path("ServerVersion").asText(""), info.path("OperatingSystem").asText(""),
                info.path("NCPU").asInt(0), info.path("MemTotal").asLong(0), runtimes, cdi, gpus, List.of(),
                List.of(), labels, false);
    }
}
