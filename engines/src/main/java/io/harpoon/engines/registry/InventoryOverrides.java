package io.harpoon.engines.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The declared inventory ({@code HARPOON_ENGINE_INVENTORY}, a JSON file): what an operator knows about an engine's
 * devices that Docker does not report (GPU models and VRAM, {@code /dev/kfd}, FPGA cards), and how tests give an
 * engine without GPUs a GPU inventory. Entries are keyed by engine port ({@code "24001"}) or FRP proxy name;
 * declared GPUs replace discovered ones, everything else is merged.
 *
 * <pre>
 * { "engines": { "24001": {
 *     "gpus": [ {"vendor": "nvidia", "index": 0, "model": "H100", "memory": "80GiB"} ],
 *     "deviceNodes": ["/dev/kfd", "/dev/dri"],
 *     "fpgas": [ {"vendor": "xilinx", "family": "alveo-u250", "device": "/dev/xclmgmt0",
 *                 "loadedBitstream": "xdma", "compatible": ["xdma"]} ],
 *     "labels": {"zone": "rack-2"} } } }
 * </pre>
 */
public final class InventoryOverrides {
    public static final InventoryOverrides NONE = new InventoryOverrides(Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> byKey;

    private InventoryOverrides(Map<String, JsonNode> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    public static InventoryOverrides load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static InventoryOverrides parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (!root.path("engines").isObject()) {
            throw new IOException("declared inventory: expected {\"engines\": {\"<port or proxy name>\": {...}}}");
        }
        Map<String, JsonNode> m = new HashMap<>();
        root.path("engines").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, JsonNode> e : m.entrySet()) {
            apply(e.getValue(), Inventory.UNKNOWN); // validate at load time, not on first connect
        }
        return new InventoryOverrides(m);
    }

    /** {@code base} merged with the declaration for this engine, if any. */
    public Inventory apply(int port, String name, Inventory base) {
        JsonNode d = Optional.ofNullable(byKey.get(Integer.toString(port))).orElse(byKey.get(name));
        return d == null ? base : apply(d, base);
    }

    private static Inventory apply(JsonNode d, Inventory base) {
        List<Gpu> gpus = base.gpus();
        if (d.has("gpus")) {
            gpus = new ArrayList<>();
            int i = 0;
            for (JsonNode g : d.path("gpus")) {
                gpus.add(new Gpu(g.path("vendor").asText("nvidia").toLowerCase(Locale.ROOT), g.path("index").asInt(i),
                        g.path("model").asText(""), bytes(g.path("memory")), "declared"));
                i++;
            }
        }
        List<String> nodes = new ArrayList<>(base.deviceNodes());
        d.path("deviceNodes").forEach(n -> nodes.add(n.asText()));
        List<Fpga> fpgas = new ArrayList<>(base.fpgas());
        for (JsonNode f : d.path("fpgas")) {
            List<String> compatible = new ArrayList<>();
            f.path("compatible").forEach(c -> compatible.add(c.asText()));
            fpgas.add(new Fpga(f.path("vendor").asText(""), f.path("family").asText(""), f.path("device").asText(""),
                    f.path("loadedBitstream").asText(""), compatible));
        }
        Map<String, String> labels = new HashMap<>(base.labels());
        d.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        int cpus = d.has("cpus") ? d.path("cpus").asInt() : base.cpus();
        long memory = d.has("memory") ? bytes(d.path("memory")) : base.memoryBytes();
        return new Inventory(base.serverVersion(), base.operatingSystem(), cpus, memory, base.runtimes(),
                base.cdiDevices(), gpus, nodes, fpgas, labels, true);
    }

    /** {@code 85899345920}, {@code "80GiB"}, {@code "80G"} (= GiB), {@code "512MiB"}. */
    static long bytes(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return 0;
        }
        if (n.isNumber()) {
            return n.asLong();
        }
        String s = n.asText().strip().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long mult = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 1;
        };
        String digits = mult == 1 ? s : s.substring(0, s.length() - 1);
        try {
            return Math.round(Double.parseDouble(digits.strip()) * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("memory: " + n.asText() + " (expected: bytes or e.g. 80GiB)");
        }
    }
}
