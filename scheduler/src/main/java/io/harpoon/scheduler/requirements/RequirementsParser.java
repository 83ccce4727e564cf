package io.harpoon.scheduler.requirements;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a HaRP {@code POST /docker/exapp/create} body (harp-contract.md §12.3: {@code name}, {@code compute_device},
 * {@code resource_limits {memory, nanoCPUs}}, {@code environment_variables ["K=V", ...]}) into a {@link Workload}.
 *
 * <p>Precedence per field: {@code HARPOON_*} variable, then {@code resource_limits}, then the app-id default of
 * {@link AppSizing} for the kind's mode, then the generic default. The variables are a Harpoon extension (never
 * read by HaRP or AppAPI); an admin sets them per install with {@code occ app_api:app:register --env} or the
 * Deploy Options dialog, and they also reach the container, where they are harmless.
 *
 * <table>
 *   <caption>Harpoon placement variables</caption>
 *   <tr><th>Variable</th><th>Meaning</th><th>Example</th></tr>
 *   <tr><td>{@value #COMPUTE_DEVICE}</td><td>cpu, cuda, rocm or fpga; overrides compute_device (the only way to ask
 *       for fpga)</td><td>fpga</td></tr>
 *   <tr><td>{@value #VRAM}</td><td>VRAM per GPU the model needs</td><td>8GiB</td></tr>
 *   <tr><td>{@value #VRAM_OVERHEAD}</td><td>added per GPU for the process's context (default
 *       {@link AppSizing#GPU_CONTEXT_OVERHEAD_BYTES}, 512 MiB)</td><td>0</td></tr>
 *   <tr><td>{@value #GPUS}</td><td>number of GPUs (1..16), default 1</td><td>2</td></tr>
 *   <tr><td>{@value #GPU_IDS}</td><td>pin these GPU indexes (count = GPUs)</td><td>0,2</td></tr>
 *   <tr><td>{@value #GPU_EXCLUSIVE}</td><td>do not share the GPUs</td><td>true</td></tr>
 *   <tr><td>{@value #RAM}</td><td>RAM to reserve</td><td>12g</td></tr>
 *   <tr><td>{@value #CPUS}</td><td>cores to reserve</td><td>2.5</td></tr>
 *   <tr><td>{@value #LABELS}</td><td>required engine labels</td><td>zone=eu,class=gpu</td></tr>
 *   <tr><td>{@value #PREFERRED_LABELS}</td><td>preferred engine labels</td><td>nvlink=yes</td></tr>
 *   <tr><td>{@value #ANTI_AFFINITY}</td><td>ExApp ids not to share an engine with</td><td>llm2,stt_whisper2</td></tr>
 *   <tr><td>{@value #FPGA_BITSTREAM}</td><td>bitstream an fpga workload needs</td><td>crc32c-v2</td></tr>
 *   <tr><td>{@value #FPGA_FAMILY}</td><td>FPGA family required</td><td>alveo-u250</td></tr>
 *   <tr><td>{@value #MODEL_KEY}</td><td>performance-model key (default: app id)</td><td>llm2-70b</td></tr>
 * </table>
 *
 * {@code resource_limits.memory} (bytes) and {@code nanoCPUs} (1e9 = one core) are limits Docker enforces; the
 * scheduler reserves exactly the limit, so the sum of limits on an engine never exceeds it.
 */
public final class RequirementsParser {
    public static final String COMPUTE_DEVICE = "HARPOON_COMPUTE_DEVICE";
    public static final String VRAM = "HARPOON_VRAM";
    public static final String GPUS = "HARPOON_GPUS";
    public static final String GPU_IDS = "HARPOON_GPU_IDS";
    public static final String GPU_EXCLUSIVE = "HARPOON_GPU_EXCLUSIVE";
    public static final String RAM = "HARPOON_RAM";
    public static final String CPUS = "HARPOON_CPUS";
    public static final String LABELS = "HARPOON_LABELS";
    public static final String PREFERRED_LABELS = "HARPOON_PREFERRED_LABELS";
    public static final String ANTI_AFFINITY = "HARPOON_ANTI_AFFINITY";
    public static final String FPGA_BITSTREAM = "HARPOON_FPGA_BITSTREAM";
    public static final String FPGA_FAMILY = "HARPOON_FPGA_FAMILY";
    public static final String MODEL_KEY = "HARPOON_MODEL_KEY";
    public static final String VRAM_OVERHEAD = "HARPOON_VRAM_OVERHEAD";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NANOS_PER_MILLICORE = 1_000_000L;

    private RequirementsParser() {
    }

    public static Requirements parse(String createRequestJson) {
        requireNonNull(createRequestJson, "createRequestJson");
        try {
            return parse(JSON.readTree(createRequestJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("create request: not JSON (expected: the docker/exapp/create body)", e);
        }
    }

    public static Requirements parse(JsonNode body) {
        requireNonNull(body, "body");
        String name = text(body, "name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: " + name + " (expected: the ExApp id)");
        }
        String device = text(body, "compute_device");
        Long memory = null;
        Long nanoCpus = null;
        JsonNode limits = body.get("resource_limits");
        if (limits != null && limits.isObject()) {
            memory = positive(limits, "memory");
            nanoCpus = positive(limits, "nanoCPUs");
        }
        Map<String, String> env = new TreeMap<>();
        JsonNode vars = body.get("environment_variables");
        if (vars != null && vars.isArray()) {
            for (JsonNode v : vars) {
                String kv = v.asText("");
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return fromFields(name, device, memory, nanoCpus, env);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long positive(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || v.asLong() < 0) {
            throw new IllegalArgumentException("resource_limits." + field + ": " + v + " (expected: integer >= 0)");
        }
        return v.asLong() == 0 ? null : v.asLong();
    }

    /**
     * The same, from fields the gateway has already decoded.
     *
     * @param computeDevice {@code cpu|cuda|rocm} or null (cpu)
     * @param memoryLimit   {@code resource_limits.memory} in bytes, or null
     * @param nanoCpus      {@code resource_limits.nanoCPUs}, or null
     * @param env           container environment as key to value
     */
    public static Requirements fromFields(String appId, String computeDevice, Long memoryLimit, Long nanoCpus,
                                          Map<String, String> env) {
        requireNonNull(appId, "appId");
        requireNonNull(env, "env");
        Map<String, String> prov = new LinkedHashMap<>();
        DeviceKind kind;
        if (env.containsKey(COMPUTE_DEVICE)) {
            kind = DeviceKind.parse(env.get(COMPUTE_DEVICE));
            prov.put("kind", COMPUTE_DEVICE);
        } else {
            kind = computeDevice == null ? DeviceKind.CPU : DeviceKind.parse(computeDevice);
            if (kind == DeviceKind.FPGA) {
                throw new IllegalArgumentException("compute_device: " + computeDevice
                        + " (expected: cpu, cuda or rocm; fpga only through " + COMPUTE_DEVICE + ")");
            }
            prov.put("kind", computeDevice == null ? "default" : "compute_device");
        }
        var entry = AppSizing.lookup(appId);
        AppSizing.Size size = entry.map(e -> kind.usesGpu() ? e.gpu() : e.cpu()).orElse(null);
        String sizeSource = entry.isPresent() ? "default " + appId + (kind.usesGpu() ? " gpu mode" : " cpu mode")
                : "generic default";

        Workload.Builder b = Workload.builder(appId).kind(kind);

        if (kind.usesGpu()) {
            int gpus = 1;
            if (env.containsKey(GPUS)) {
                gpus = Quantities.count(GPUS, env.get(GPUS), 1, Workload.MAX_GPUS_PER_WORKLOAD);
            }
            List<Integer> ids = List.of();
            if (env.containsKey(GPU_IDS)) {
                ids = intList(GPU_IDS, env.get(GPU_IDS));
                if (!env.containsKey(GPUS)) {
                    gpus = ids.size();
                }
            }
            long vram;
            if (env.containsKey(VRAM)) {
                vram = Quantities.bytes(VRAM, env.get(VRAM));
                prov.put("vram", VRAM);
            } else {
                vram = size != null ? size.vramBytes() : AppSizing.GENERIC_VRAM_BYTES;
                prov.put("vram", sizeSource);
            }
            long overhead = AppSizing.GPU_CONTEXT_OVERHEAD_BYTES;
            if (env.containsKey(VRAM_OVERHEAD)) {
                overhead = Quantities.bytes(VRAM_OVERHEAD, env.get(VRAM_OVERHEAD));
            }
            vram = Math.addExact(vram, overhead);
            b.gpus(gpus, vram).pin(ids.toArray(Integer[]::new));
            b.exclusiveGpu(env.containsKey(GPU_EXCLUSIVE) && Quantities.bool(GPU_EXCLUSIVE, env.get(GPU_EXCLUSIVE)));
        }

        if (env.containsKey(RAM)) {
            b.memoryBytes(Quantities.bytes(RAM, env.get(RAM)));
            prov.put("memory", RAM);
        } else if (memoryLimit != null) {
            b.memoryBytes(memoryLimit);
            prov.put("memory", "resource_limits.memory");
        } else {
            b.memoryBytes(size != null ? size.memoryBytes() : AppSizing.GENERIC_MEMORY_BYTES);
            prov.put("memory", sizeSource);
        }

        if (env.containsKey(CPUS)) {
            b.cpuMillis(Quantities.millicores(CPUS, env.get(CPUS)));
            prov.put("cpu", CPUS);
        } else if (nanoCpus != null) {
            b.cpuMillis(Math.ceilDiv(nanoCpus, NANOS_PER_MILLICORE));
            prov.put("cpu", "resource_limits.nanoCPUs");
        } else {
            b.cpuMillis(size != null ? size.cpuMillis() : AppSizing.GENERIC_CPU_MILLIS);
            prov.put("cpu", sizeSource);
        }

        labels(LABELS, env.get(LABELS)).forEach(b::require);
        labels(PREFERRED_LABELS, env.get(PREFERRED_LABELS)).forEach(b::prefer);
        if (env.containsKey(ANTI_AFFINITY)) {
            b.avoid(names(env.get(ANTI_AFFINITY)).toArray(String[]::new));
            prov.put("antiAffinity", ANTI_AFFINITY);
        } else if (size != null && !size.antiAffinity().isEmpty()) {
            b.avoid(size.antiAffinity().toArray(String[]::new));
            prov.put("antiAffinity", sizeSource);
        }
        if (kind == DeviceKind.FPGA) {
            String bit = env.getOrDefault(FPGA_BITSTREAM, "");
            if (bit.isBlank()) {
                throw new IllegalArgumentException(FPGA_BITSTREAM + ": empty (expected: a bitstream name for fpga)");
            }
            b.fpga(bit.trim(), env.getOrDefault(FPGA_FAMILY, "").trim());
        }
        if (env.containsKey(MODEL_KEY)) {
            b.modelKey(env.get(MODEL_KEY).trim());
        }
        return new Requirements(b.build(), prov);
    }

    private static List<Integer> intList(String field, String value) {
        List<Integer> out = new ArrayList<>();
        for (String s : names(value)) {
            out.add(Quantities.count(field, s, 0, 1023));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: comma list like 0,2)");
        }
        return out;
    }

    private static List<String> names(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static Map<String, String> labels(String field, String value) {
        Map<String, String> out = new TreeMap<>();
        if (value == null) {
            return out;
        }
        for (String s : names(value)) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(field + ": " + value + " (expected: key=value,key2=value2)");
            }
            out.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }
        return out;
    }
}
