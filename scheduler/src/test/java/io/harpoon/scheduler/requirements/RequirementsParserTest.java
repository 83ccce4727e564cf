package io.harpoon.scheduler.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.harpoon.scheduler.api.DeviceKind;
import io.harpoon.scheduler.api.Sizes;
import io.harpoon.scheduler.api.Workload;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequirementsParserTest {
    static final long CTX = AppSizing.GPU_CONTEXT_OVERHEAD_BYTES;

    /** A create body as AppAPI sends it through HaRP (harp-contract.md §12.3). */
    static String body(String name, String device, String limits, String... env) {
        StringBuilder e = new StringBuilder();
        for (String v : env) {
            e.append(e.isEmpty() ? "" : ",").append('"').append(v).append('"');
        }
        return """
                {"name":"%s","instance_id":"","image_id":"ghcr.io/nextcloud/%s:latest","network_mode":"host",
                 "environment_variables":["APP_ID=%s","COMPUTE_DEVICE=%s"%s],"restart_policy":"unless-stopped",
                 "compute_device":"%s","mount_points":[],"start_container":true%s}
                """.formatted(name, name, name, device.toUpperCase(), e.isEmpty() ? "" : "," + e, device,
                limits == null ? "" : ",\"resource_limits\":" + limits);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // name, body, kind, gpus, vram per GPU, RAM, CPU millis
                Arguments.of("llm2 on cuda: table defaults + context overhead", body("llm2", "cuda", null),
                        DeviceKind.CUDA, 1, Sizes.gib(8) + CTX, Sizes.gib(12), 2000L),
                Arguments.of("llm2 on cpu: cpu-mode defaults", body("llm2", "cpu", null), DeviceKind.CPU, 0, 0L,
                        Sizes.gib(12), 10_000L),
                Arguments.of("translate2 on rocm", body("translate2", "rocm", null), DeviceKind.ROCM, 1,
                        Sizes.gib(4) + CTX, Sizes.gib(6), 2000L),
                Arguments.of("kokoro is tiny", body("text2speech_kokoro", "cpu", null), DeviceKind.CPU, 0, 0L,
                        Sizes.mib(800), 10_000L),
                Arguments.of("unknown app: generic defaults", body("my_app", "cuda", null), DeviceKind.CUDA, 1,
                        AppSizing.GENERIC_VRAM_BYTES + CTX, AppSizing.GENERIC_MEMORY_BYTES, 1000L),
                Arguments.of("resource_limits override the table",
                        body("llm2", "cuda", "{\"memory\":17179869184,\"nanoCPUs\":4500000000}"), DeviceKind.CUDA, 1,
                        Sizes.gib(8) + CTX, Sizes.gib(16), 4500L),
                Arguments.of("HARPOON_* override resource_limits",
                        body("llm2", "cuda", "{\"memory\":17179869184,\"nanoCPUs\":4000000000}", "HARPOON_RAM=20g",
                                "HARPOON_CPUS=2.5", "HARPOON_VRAM=20GiB", "HARPOON_GPUS=2",
                                "HARPOON_VRAM_OVERHEAD=0"), DeviceKind.CUDA, 2, Sizes.gib(20), Sizes.gib(20), 2500L),
                Arguments.of("zero limits mean unset (AppAPI default)", body("translate2", "cpu",
                        "{\"memory\":0,\"nanoCPUs\":0}"), DeviceKind.CPU, 0, 0L, Sizes.gib(6), 4000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void parse(String name, String body, DeviceKind kind, int gpus, long vram, long ram, long cpu) {
        Workload w = RequirementsParser.parse(body).workload();
        assertEquals(kind, w.kind());
        assertEquals(gpus, w.gpuCount());
        assertEquals(vram, w.vramPerGpuBytes());
        assertEquals(ram, w.memoryBytes());
        assertEquals(cpu, w.cpuMillis());
    }

    @Test
    void extensionVariablesReachEveryField() {
        Requirements r = RequirementsParser.parse(body("my_fpga_app", "cpu", null, "HARPOON_COMPUTE_DEVICE=fpga",
                "HARPOON_FPGA_BITSTREAM=crc32c-v2", "HARPOON_FPGA_FAMILY=alveo-u250",
                "HARPOON_LABELS=zone=eu, class=fpga", "HARPOON_PREFERRED_LABELS=rack=r1",
                "HARPOON_ANTI_AFFINITY=llm2,stt_whisper2", "HARPOON_MODEL_KEY=crc-offload"));
        Workload w = r.workload();
        assertEquals(DeviceKind.FPGA, w.kind());
        assertEquals("crc32c-v2", w.fpgaBitstream());
        assertEquals("alveo-u250", w.fpgaFamily());
        assertEquals(Map.of("zone", "eu", "class", "fpga"), w.requiredLabels());
        assertEquals(Map.of("rack", "r1"), w.preferredLabels());
        assertEquals(Set.of("llm2", "stt_whisper2"), w.antiAffinity());
        assertEquals("crc-offload", w.modelKey());
        assertEquals("HARPOON_COMPUTE_DEVICE", r.provenance().get("kind"));
    }

    @Test
    void pinnedIdsSetTheCountAndExclusivity() {
        Workload w = RequirementsParser.parse(body("llm2", "cuda", null, "HARPOON_GPU_IDS=0,2",
                "HARPOON_GPU_EXCLUSIVE=true")).workload();
        assertEquals(List.of(0, 2), w.pinnedGpuIds());
        assertEquals(2, w.gpuCount());
        assertEquals(true, w.exclusiveGpu());
    }

    @Test
    void cpuHogsAvoidLatencySensitiveAppsByDefault() {
        Requirements r = RequirementsParser.parse(body("llm2", "cpu", null));
        assertEquals(Set.of("live_transcription"), r.workload().antiAffinity());
        assertEquals("default llm2 cpu mode", r.provenance().get("antiAffinity"));
        assertEquals(Set.of(), RequirementsParser.parse(body("llm2", "cuda", null)).workload().antiAffinity());
    }

    @Test
    void provenanceSaysWhereEachNumberCameFrom() {
        Requirements r = RequirementsParser.parse(body("llm2", "cuda", "{\"memory\":17179869184}", "HARPOON_VRAM=9g"));
        assertEquals("HARPOON_VRAM", r.provenance().get("vram"));
        assertEquals("resource_limits.memory", r.provenance().get("memory"));
        assertEquals("default llm2 gpu mode", r.provenance().get("cpu"));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(body("llm2", "cuda", null, "HARPOON_VRAM=lots"),
                        "HARPOON_VRAM: lots (expected: bytes or a size like 8GiB, 512m)"),
                Arguments.of(body("llm2", "cuda", null, "HARPOON_GPUS=0"), "HARPOON_GPUS: 0 (expected: 1..16)"),
                Arguments.of(body("llm2", "tpu", null), "compute_device: tpu (expected: cpu, cuda, rocm or fpga)"),
                Arguments.of(body("llm2", "fpga", null),
                        "compute_device: fpga (expected: cpu, cuda or rocm; fpga only through HARPOON_COMPUTE_DEVICE)"),
                Arguments.of(body("x", "cpu", null, "HARPOON_COMPUTE_DEVICE=fpga"),
                        "HARPOON_FPGA_BITSTREAM: empty (expected: a bitstream name for fpga)"),
                Arguments.of(body("x", "cpu", null, "HARPOON_LABELS=zone"),
                        "HARPOON_LABELS: zone (expected: key=value,key2=value2)"),
                Arguments.of(body("x", "cpu", "{\"memory\":-1}"), "resource_limits.memory: -1 (expected: integer >= 0)"),
                Arguments.of("{\"compute_device\":\"cpu\"}", "name: null (expected: the ExApp id)"),
                Arguments.of("not json", "create request: not JSON (expected: the docker/exapp/create body)"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejectsWithFieldValueAndExpectation(String body, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> RequirementsParser.parse(body))
                .getMessage());
    }

    @Test
    void quantitiesFollowDockerSuffixes() {
        assertEquals(Sizes.gib(8), Quantities.bytes("f", "8g"));
        assertEquals(Sizes.gib(8), Quantities.bytes("f", "8GiB"));
        assertEquals(Sizes.gib(8), Quantities.bytes("f", "8Gi"));
        assertEquals(Sizes.mib(512), Quantities.bytes("f", "512m"));
        assertEquals(Sizes.mib(1536), Quantities.bytes("f", "1.5G"));
        assertEquals(1234, Quantities.bytes("f", "1234"));
        assertEquals(250, Quantities.millicores("f", "0.25"));
    }
}
